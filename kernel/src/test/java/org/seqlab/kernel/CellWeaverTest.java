package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The weaver on a real class: polls where loops and calls are, exits redirected, and a raised stop ends a loop. */
class CellWeaverTest {
    /** Stands in for a cell's class: the test weaves it and runs it in a loader of its own. */
    public static final class Cell {
        public static volatile long n;

        public static void spin() {
            while (true) {
                n++;
            }
        }

        public static int recurse(int depth) {
            return depth < 0 ? 0 : recurse(depth + 1) + 1;
        }

        public static int straight(int a) {
            return a + 1;
        }

        public static void systemExit() {
            System.exit(7);
        }

        public static void runtimeExit() {
            Runtime.getRuntime().exit(6);
        }

        public static void runtimeHalt() {
            Runtime.getRuntime().halt(5);
        }

        public static void exitByReference() {
            IntConsumer exit = System::exit;
            exit.accept(8);
        }

        public static void haltByBoundReference() {
            IntConsumer halt = Runtime.getRuntime()::halt;
            halt.accept(9);
        }
    }

    private static byte[] original() throws IOException {
        try (InputStream in = CellWeaverTest.class.getResourceAsStream("CellWeaverTest$Cell.class")) {
            return in.readAllBytes();
        }
    }

    /** The woven class and the hook, defined together in a fresh loader, as JShell's loader holds them. */
    private static final class CellLoader extends ClassLoader {
        final Class<?> hook;
        final Class<?> cell;

        CellLoader(byte[] woven) {
            super(CellWeaverTest.class.getClassLoader());
            byte[] hookBytes = CellWeaver.hookClass();
            hook = defineClass(CellWeaver.HOOK_NAME, hookBytes, 0, hookBytes.length);
            cell = defineClass(Cell.class.getName(), woven, 0, woven.length);
        }
    }

    /** Calls to the hook and to the JDK's exits, per method, read back with ASM. */
    private static List<String> calls(byte[] classFile, String method) {
        List<String> found = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals(method)) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
                        found.add(owner + "." + name);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
                        for (Object a : args) {
                            if (a instanceof Handle h) found.add("handle " + h.getOwner() + "." + h.getName());
                        }
                    }
                };
            }
        }, 0);
        return found;
    }

    @Test
    void everyMethodPollsOnEntryAndEveryLoopPollsOnItsBackwardJump() throws IOException {
        byte[] woven = CellWeaver.weave(original());
        String poll = "REPL/$SeqlabHook$.poll";
        assertEquals(List.of(poll), calls(woven, "straight"));
        assertEquals(2, calls(woven, "spin").stream().filter(poll::equals).count(), calls(woven, "spin")::toString);
        assertEquals(List.of(poll, "org/seqlab/kernel/CellWeaverTest$Cell.recurse"), calls(woven, "recurse"));
        assertTrue(calls(original(), "spin").stream().noneMatch(poll::equals), "the test class itself is not woven");
    }

    @Test
    void exitsAndReferencesToThemGoToTheHook() throws IOException {
        byte[] woven = CellWeaver.weave(original());
        for (String method : List.of("systemExit", "runtimeExit", "runtimeHalt", "exitByReference", "haltByBoundReference")) {
            List<String> calls = calls(woven, method);
            assertTrue(calls.stream().noneMatch(c -> c.endsWith("System.exit") || c.endsWith("Runtime.exit")
                    || c.endsWith("Runtime.halt")), method + " still calls " + calls);
        }
        assertTrue(calls(woven, "runtimeHalt").contains("REPL/$SeqlabHook$.runtimeHalt"));
        assertTrue(calls(woven, "haltByBoundReference").contains("handle REPL/$SeqlabHook$.runtimeHalt"));
    }

    @Test
    void aRaisedStopEndsAnEndlessLoopAndTheCallsThrowTheExitMessage() throws Exception {
        CellLoader loader = new CellLoader(CellWeaver.weave(original()));
        StopSignal signal = new StopSignal(loader.hook);
        Method spin = loader.cell.getMethod("spin");
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                spin.invoke(null);
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
            } catch (IllegalAccessException e) {
                return e;
            }
        });
        Thread.sleep(200);
        assertFalse(ended.isDone(), "the loop ended before the stop");
        signal.raise();
        try {
            assertInstanceOf(CellStopped.class, ended.get(5, TimeUnit.SECONDS));
        } finally {
            signal.lower();
        }
        assertEquals(3, loader.cell.getMethod("straight", int.class).invoke(null, 2), "a lowered stop lets code run");

        for (String method : List.of("systemExit", "runtimeExit", "runtimeHalt", "exitByReference", "haltByBoundReference")) {
            InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                    () -> loader.cell.getMethod(method).invoke(null), method);
            assertInstanceOf(SecurityException.class, e.getCause(), method);
            assertTrue(e.getCause().getMessage().contains("is blocked in the course kernel"), e.getCause().getMessage());
        }
    }
}
