package org.seqlab.kernel;

import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell from silently ending the learner's kernel.
 *
 * <p>IJava runs cells in the kernel's own JVM, so {@code System.exit(0)} in a cell would end the kernel and
 * every variable with it. Where Java still allows a security manager (17 to 23, with
 * {@code -Djava.security.manager=allow} from 18), this one refuses an exit requested by cell code with a
 * {@link SecurityException} that says why and what to do instead; every other check is allowed, so nothing
 * else changes. The kernel's own exits (shutdown, parent gone) do not come from cell code and pass.
 *
 * <p>On Java 24 and later no security manager can be installed; there {@link #reportExits()} registers a
 * shutdown hook that tells the cell, in its output, that its {@code System.exit} is ending the kernel.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {
    /** What a cell that calls {@code System.exit(status)} is told. */
    static String message(int status) {
        return "System.exit(" + status + ") is blocked in the course kernel: it would end the kernel and lose every "
                + "variable. To stop a computation, return from it or throw an exception; to start afresh, use "
                + "Kernel → Restart.";
    }

    /**
     * Installs the guard; false when this Java cannot install a security manager. Java 17-23 print a
     * deprecation warning for it on the process's original standard error (the Jupyter log), once per start.
     */
    static boolean install() {
        try {
            System.setSecurityManager(new ExitGuard());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** On Javas without a security manager: reports a cell's exit in its own output before the kernel ends. */
    static void reportExits() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!CellStopper.cellThreads().isEmpty()) {
                System.err.println("A cell called System.exit: the kernel ends now, and Jupyter restarts it "
                        + "without the variables defined so far.");
                System.err.flush();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "seqlab-exit-report"));
    }

    @Override
    public void checkExit(int status) {
        if (StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith(CellStopper.SNIPPET_PACKAGE)))) {
            throw new SecurityException(message(status));
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // Everything but exit is allowed.
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // Everything but exit is allowed.
    }
}
