"""Runtime checks of the Seqlab course kernel over the real jupyter_client: interrupts, exits, threads, the log.

Run with Debian's Python: /usr/bin/python3 kernel_runtime.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the scenario
holds; otherwise prints what failed and exits 1. KernelRuntimeIT runs each scenario (on every JDK of the matrix).
"""
import os
import queue
import tempfile
import time

from kernel_protocol import Kernel, TIMEOUT, check, code_cpu_seconds, errors, ok, plain, result_text, streams, run_scenario

# The goal: Kernel -> Interrupt ends a cell within this many seconds, and the next cell answers within as many.
# The kernel's own waits add up to less (CellRunner: GRACE + STOP_WAIT + SETTLE, checked by CellRunnerTest), and
# each scenario prints the times it measured. What it asserts is a generous bound, because on a machine shared by
# many jobs a process may get no processor for seconds: a stop that never comes fails, a slow machine does not.
STOP_SECONDS = 2.0
BOUND_SECONDS = 30.0


def timed(what, seconds):
    """Prints a measured time beside the goal, for the log; fails only past the generous bound."""
    print(f"{what}: {seconds:.2f} s (goal < {STOP_SECONDS:.0f} s)")
    check(seconds < BOUND_SECONDS, f"{what} took {seconds:.2f} s")


class LoggedKernel(Kernel):
    """A kernel whose standard error (the Jupyter log) goes to a file the scenario can read."""

    def __enter__(self):
        self.log = tempfile.NamedTemporaryFile("w+", prefix="seqlab-kernel-", suffix=".log", delete=False)
        from jupyter_client.manager import KernelManager
        from kernel_protocol import KERNEL
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        return self

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self.log.close()
        os.unlink(self.log.name)

    def log_text(self):
        with open(self.log.name) as f:
            return f.read()


MARK = "@started"


def start_running(k, code):
    """Sends a cell whose code, in one block, prints a mark and then runs `code`; returns once the mark is out,
    so the interrupt that follows finds the code running, not still being compiled."""
    msg_id = k.kc.execute("{ System.out.println(\"" + MARK + "\");\n" + code + "\n}")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        try:
            msg = k.kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and MARK in msg["content"]["text"]:
            return msg_id
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            raise AssertionError(f"the cell ended before it was interrupted: {code!r}")
    raise AssertionError(f"the cell did not start within {TIMEOUT} s: {code!r}")


def stop_and_time(k, msg_id, wait_before=0.5):
    """Lets a running cell run on, interrupts it, and returns (seconds to its reply, reply, outputs)."""
    time.sleep(wait_before)
    k.km.interrupt_kernel()
    start = time.time()
    reply, outputs = k.collect(msg_id, timeout=30)
    return time.time() - start, reply, outputs


def check_stopped_and_idle(k, name, seconds, reply):
    timed(f"{name}: the cell's reply after the interrupt", seconds)
    start = time.time()
    reply_next, outputs = k.execute("kept", timeout=BOUND_SECONDS)
    answered = time.time() - start
    check(result_text(outputs) == "7", f"{name}: a variable defined before is gone: {outputs}")
    timed(f"{name}: the next cell's answer", answered)
    before = code_cpu_seconds(k.pid)
    time.sleep(1.0)
    used = code_cpu_seconds(k.pid) - before
    check(used < 0.15, f"{name}: the kernel's threads still use {used:.2f} s of CPU per second after the stop")


# Each case: a cell that runs until stopped, and whether it may end normally (a library that stops cleanly).
STOPPABLE = [
    ("while (true) {}", "an empty endless loop"),
    ("for (;;) n++;", "a counting loop"),
    ("fib(200);", "unbounded recursion"),
    ("while (true) { Nd4j.rand(DataType.FLOAT, 16, 16).mmul(Nd4j.rand(DataType.FLOAT, 16, 16)); }",
     "a loop calling library methods"),
    ("Thread.sleep(600_000);", "Thread.sleep"),
    ("Object lock = new Object();\nsynchronized (lock) { lock.wait(); }", "Object.wait"),
    ("new java.util.concurrent.LinkedBlockingQueue<Integer>().take();", "BlockingQueue.take"),
    ("while (true) { try { Thread.sleep(5); } catch (InterruptedException e) { } }", "a loop swallowing interrupts"),
    ("while (true) { try { n++; } catch (Throwable t) { } }", "a loop catching Throwable"),
]


def scenario_stop_cases():
    """Every kind of runaway cell is stopped within 2 s; the next cell answers within 2 s; CPU goes back to idle."""
    with Kernel() as k:
        ok(k, "int kept = 7;\nlong n = 0;\nlong fib(int k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }")
        for code, name in STOPPABLE:
            seconds, reply, outputs = stop_and_time(k, start_running(k, code))
            check(reply["status"] == "error", f"{name}: the stopped cell ended with {reply['status']}")
            text = plain(" ".join(" ".join(e["traceback"]) + e["evalue"] for e in errors(outputs)))
            check("interrupted" in text.lower(), f"{name}: the cell does not say it was interrupted: {text!r}")
            check_stopped_and_idle(k, name, seconds, reply)


def scenario_stop_threads():
    """Threads a cell started that run the cell's code stop too; one stuck in library code is named."""
    with Kernel() as k:
        ok(k, "int kept = 7;")
        msg_id = start_running(k,
            "for (int i = 0; i < 2; i++) { Thread t = new Thread(() -> { long m = 0; while (true) m++; }, \"spinner-\" + i);"
            " t.start(); }\nwhile (true) {}")
        seconds, reply, outputs = stop_and_time(k, msg_id)
        check_stopped_and_idle(k, "a cell with two spinning threads", seconds, reply)
        check("spinner" not in streams(outputs), f"stopped threads are reported as still running: {streams(outputs)}")

        # A sum over 2^63 numbers inside the JDK's streams: library code that never looks at an interrupt.
        msg_id = start_running(k,
            'Thread stuck = new Thread(() -> LongStream.range(0, Long.MAX_VALUE).sum(), "summer");\n'
            "stuck.setDaemon(true);\nstuck.start();\nwhile (true) {}")
        seconds, reply, outputs = stop_and_time(k, msg_id)
        timed("a cell beside a stuck thread: its reply after the interrupt", seconds)
        said = streams(outputs)
        check('thread "summer" in java.' in said and "Kernel → Restart" in said,
              f"the thread that could not be stopped is not named with where it is: {said!r}")
        start = time.time()
        check(result_text(ok(k, "kept")) == "7", "a variable defined before is gone")
        timed("the next cell's answer beside the stuck thread", time.time() - start)


def scenario_stop_stuck_cell():
    """A cell stuck inside library code is left behind: the reply comes, later cells run and are warned."""
    with Kernel() as k:
        ok(k, "int kept = 7;")
        msg_id = start_running(k, "LongStream.range(0, Long.MAX_VALUE).sum();")
        seconds, reply, outputs = stop_and_time(k, msg_id)
        timed("a cell stuck in library code: its reply after the interrupt", seconds)
        check(reply["status"] == "error", f"the stuck cell ended with {reply['status']}")
        check('thread "seqlab-cell" in java.' in streams(outputs),
              f"the stuck cell's thread is not named: {streams(outputs)!r}")
        start = time.time()
        reply, outputs = k.execute("kept + 1", timeout=BOUND_SECONDS)
        timed("the next cell's answer after the stuck cell", time.time() - start)
        check(result_text(outputs) == "8", f"kept + 1 gave {outputs}")
        check("still running" in streams(outputs), f"a later cell is not warned about the stuck thread: {outputs}")


def scenario_interrupt_early():
    """An interrupt sent before its cell starts is not lost; one sent while idle does not stop a later cell."""
    with Kernel() as k:
        ok(k, "int kept = 7;")
        # Sent together: the interrupt usually arrives while the cell is still being compiled.
        msg_id = k.kc.execute("while (true) {}")
        k.km.interrupt_kernel()
        start = time.time()
        reply, outputs = k.collect(msg_id, timeout=30)
        check(reply["status"] == "error", f"the cell interrupted at once ended with {reply['status']}")
        check_stopped_and_idle(k, "an interrupt right after the request", time.time() - start, reply)

        # The interrupt first, the cell right after: the control channel may well be read first.
        k.km.interrupt_kernel()
        msg_id = k.kc.execute("while (true) {}")
        start = time.time()
        reply, outputs = k.collect(msg_id, timeout=30)
        check(reply["status"] == "error", f"the cell interrupted before its request ended with {reply['status']}")
        check_stopped_and_idle(k, "an interrupt just before the request", time.time() - start, reply)

        # An interrupt while nothing runs does not linger and stop a cell sent seconds later (CellRunner.EARLY, 5 s).
        k.km.interrupt_kernel()
        time.sleep(10.0)
        check(result_text(ok(k, "kept * 2")) == "14", "a cell long after an idle interrupt did not run")


EXITS = [
    ("System.exit(3);", "System.exit(3) is blocked"),
    ("Runtime.getRuntime().exit(4);", "Runtime.getRuntime().exit(4) is blocked"),
    ("Runtime.getRuntime().halt(5);", "Runtime.getRuntime().halt(5) is blocked"),
    ("java.util.function.IntConsumer quit = System::exit;\nquit.accept(6);", "System.exit(6) is blocked"),
]


def scenario_exits():
    """Every way a cell can ask the JVM to end gives a plain error; the kernel and its variables stay."""
    with Kernel() as k:
        ok(k, "int kept = 5;")
        for code, expected in EXITS:
            reply, outputs = k.execute(code)
            check(reply["status"] == "error", f"{code!r} gave status {reply['status']}")
            text = plain(" ".join(" ".join(e["traceback"]) + e["evalue"] for e in errors(outputs)))
            check(expected in text and "Kernel → Restart" in text, f"{code!r} was not reported plainly: {text}")
            check(k.km.is_alive(), f"the kernel died on {code!r}")
            check(result_text(ok(k, "kept")) == "5", f"variables were lost after {code!r}")


def scenario_quiet_log():
    """The Jupyter log gets no warnings from the JVM on any Java: no deprecations, no native-access notices."""
    with LoggedKernel() as k:
        ok(k, "int x = 1;")
        ok(k, "Nd4j.rand(DataType.FLOAT, 4, 4).mmul(Nd4j.rand(DataType.FLOAT, 4, 4))")
        ok(k, 'Table.create("t", IntColumn.create("x", new int[] {1, 2}))')
        stop_and_time(k, start_running(k, "while (true) {}"))
        k.execute("System.exit(1);")
        time.sleep(0.5)
        log = k.log_text()
        bad = [line for line in log.splitlines() if "WARNING" in line.upper() or "deprecat" in line.lower()]
        check(not bad, "the kernel's log has warnings:\n" + "\n".join(bad))


def scenario_datasets_anywhere():
    """A notebook saved outside the repository (the kernel started in another folder) finds the course's data."""
    elsewhere = tempfile.mkdtemp(prefix="seqlab-notebook-")
    try:
        from jupyter_client.manager import KernelManager
        from kernel_protocol import KERNEL
        k = Kernel()
        k.km = KernelManager(kernel_name=KERNEL)
        k.km.start_kernel(cwd=elsewhere)
        k.kc = k.km.client()
        k.kc.start_channels()
        k.kc.wait_for_ready(timeout=TIMEOUT)
        try:
            cwd = result_text(ok(k, 'Path.of("").toAbsolutePath().toString()')).strip('"')
            check(cwd == elsewhere, f"the kernel did not start in {elsewhere} but in {cwd}")
            folder = result_text(ok(k, "Datasets.folder().toString()")).strip('"')
            check(os.path.isfile(os.path.join(folder, "README.md")) and not folder.startswith(elsewhere),
                  f"Datasets.folder() is {folder}, not the course's datasets/")
            names = result_text(ok(k, "Datasets.textNames()"))
            check(names is not None and names.startswith("[") and len(names) > 2, f"no texts found: {names}")
        finally:
            k.__exit__(None, None, None)
    finally:
        os.rmdir(elsewhere)


SCENARIOS = {
    "stop-cases": scenario_stop_cases,
    "stop-threads": scenario_stop_threads,
    "stop-stuck-cell": scenario_stop_stuck_cell,
    "interrupt-early": scenario_interrupt_early,
    "exits": scenario_exits,
    "quiet-log": scenario_quiet_log,
    "datasets-anywhere": scenario_datasets_anywhere,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
