package org.seqlab.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, so a crashed or killed Jupyter does not leave
 * JVMs behind. Watches the direct parent and, when Jupyter names it in {@code JPY_PARENT_PID}, that process.
 */
final class ParentWatch {
    static final Duration PERIOD = Duration.ofSeconds(1);

    private ParentWatch() {}

    /** The processes to watch: the direct parent, and the one named by {@code JPY_PARENT_PID}. */
    static List<ProcessHandle> parents(Map<String, String> env) {
        List<ProcessHandle> parents = new ArrayList<>();
        ProcessHandle.current().parent().ifPresent(parents::add);
        String named = env.get("JPY_PARENT_PID");
        if (named != null) {
            try {
                Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(named.trim()));
                p.filter(h -> parents.stream().noneMatch(q -> q.pid() == h.pid())).ifPresent(parents::add);
            } catch (NumberFormatException e) {
                // Not a pid: watch the direct parent only.
            }
        }
        return parents;
    }

    /** Starts a daemon thread that halts the JVM once any of {@code parents} has ended. */
    static void start(List<ProcessHandle> parents) {
        long directParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                boolean orphaned = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != directParent;
                if (orphaned || parents.stream().anyMatch(p -> !p.isAlive())) {
                    System.err.println("seqlab kernel: the process that started the kernel is gone; exiting.");
                    Runtime.getRuntime().halt(0);
                }
            }
        }, "seqlab-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
