"""Kernel protocol checks for the Seqlab course kernel, spoken through the real jupyter_client.

Run with Debian's Python: /usr/bin/python3 kernel_protocol.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the
scenario holds; otherwise prints what failed and exits 1. KernelProtocolIT runs each scenario.
"""
import os
import re
import queue
import signal
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = os.environ.get("SEQLAB_KERNEL_NAME", "seqlab")
TIMEOUT = 60


class Kernel:
    """A started kernel and a blocking client, stopped on exit."""

    def __enter__(self):
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        return self

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    @property
    def java(self):
        """The feature release of the Java running the kernel (17, 25, ...)."""
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        return int(re.match(r"\d+", reply["content"]["language_info"]["version"]).group())

    @property
    def pid(self):
        return self.km.provisioner.process.pid

    def execute(self, code, timeout=TIMEOUT):
        """Runs a cell; returns (reply content, iopub messages of that cell)."""
        msg_id = self.kc.execute(code)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=TIMEOUT):
        deadline = time.time() + timeout
        outputs = []
        while True:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise AssertionError(f"no idle status for {msg_id} within {timeout} s; got {outputs}")
            try:
                msg = self.kc.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "execute_result", "display_data", "update_display_data", "error"):
                outputs.append(msg)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        return reply["content"], outputs


def result_text(outputs, mime="text/plain"):
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"].get(mime)
    return None


def errors(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


def streams(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")


def plain(text):
    """Text without ANSI colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


JVM_SERVICE_THREADS = ("C1 CompilerThre", "C2 CompilerThre", "VM Thread", "VM Periodic Tas", "GC Thread")


def code_cpu_seconds(pid):
    """CPU time of the threads that run code: the process's, less the JIT compilers and the VM's own threads,
    which keep compiling for a while after a burst of work and would hide whether a cell still runs."""
    ticks = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        if not name.startswith(JVM_SERVICE_THREADS):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def ok(k, code):
    reply, outputs = k.execute(code)
    check(reply["status"] == "ok", f"cell {code!r} failed: {reply} {errors(outputs)}")
    return outputs


def scenario_cells():
    with Kernel() as k:
        ok(k, "int x = 41;")
        check(result_text(ok(k, "x + 1")) == "42", "state does not persist across cells")

        reply, outputs = k.execute('throw new IllegalStateException("boom");')
        check(reply["status"] == "error", f"an exception gave status {reply['status']}")
        errs = errors(outputs)
        check(errs and "boom" in " ".join(errs[0]["traceback"]) + errs[0]["evalue"], f"no error output naming the exception: {errs}")
        check(result_text(ok(k, "x * 2")) == "82", "the cell after an exception does not run")

        reply, outputs = k.execute("int a = 1;\nint b = 2;\nString c = 3;")
        check(reply["status"] == "error", "a compile error was not reported")
        text = plain(" ".join(" ".join(e["traceback"]) for e in errors(outputs)))
        check("String c = 3;" in text or "line 3" in text.lower(), f"the compile error does not name its line: {text}")

        outputs = ok(k, 'String id = display("first");\nupdateDisplay(id, "second");')
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updated = [m for m in outputs if m["msg_type"] == "update_display_data"]
        check(shown and updated, f"display/updateDisplay sent {[m['msg_type'] for m in outputs]}")
        check(shown[0]["content"]["transient"]["display_id"] == updated[0]["content"]["transient"]["display_id"],
              "updateDisplay did not target the displayed id")
        check(updated[0]["content"]["data"]["text/plain"].strip('"') == "second", f"update carried {updated[0]['content']}")

        outputs = ok(k, 'display("shown");')
        kinds = [m["msg_type"] for m in outputs]
        check("display_data" in kinds and "execute_result" not in kinds,
              f"a cell ending in display(...) should show the view, not echo its display id: {kinds}")
        kinds = [m["msg_type"] for m in ok(k, 'System.out.printf("%d%n", 42)')]
        check("execute_result" not in kinds, f"printf echoed its PrintStream: {kinds}")
        check(result_text(ok(k, '"a plain string"')).strip('"') == 'a plain string', "a String value is no longer shown")

        outputs = ok(k, 'var h = org.seqlab.display.Notebook.show("one");\nh.update("two");')
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updated = [m for m in outputs if m["msg_type"] == "update_display_data"]
        check(shown and updated, f"Notebook.show/update sent {[m['msg_type'] for m in outputs]}")
        check(shown[0]["content"]["transient"]["display_id"] == updated[0]["content"]["transient"]["display_id"],
              "Handle.update did not target the shown display")
        check(updated[0]["content"]["data"]["text/plain"] == "two", f"Handle.update carried {updated[0]['content']}")

        msg_id = k.kc.complete("Shap", 4)
        reply = k.kc.get_shell_msg(timeout=TIMEOUT)
        check(reply["parent_header"]["msg_id"] == msg_id, "no complete_reply")
        check("Shapes" in reply["content"]["matches"], f"completion of Shap gave {reply['content']['matches']}")


def scenario_renderers():
    with Kernel() as k:
        outputs = ok(k, 'Table t = Table.create("steps", IntColumn.create("t", java.util.stream.IntStream.range(0, 40).toArray()));\nt')
        html = result_text(outputs, "text/html")
        check(html is not None and "<table" in html, f"a Table did not render as HTML: {outputs}")
        check("25 more rows" in html, "a 40-row table is not elided to 10 + 5 rows")

        text = result_text(ok(k, "Nd4j.zeros(DataType.FLOAT, 2, 3)"))
        check(text is not None and "[2, 3]" in text and "float" in text, f"an INDArray shows {text!r}")

        outputs = ok(k, 'XYChart chart = new XYChartBuilder().width(300).height(200).title("loss").build();\n'
                        'chart.addSeries("train", new double[]{1, 2, 3}, new double[]{3, 2, 1});\nchart')
        png = result_text(outputs, "image/png")
        check(png is not None and png.startswith("iVBOR"), f"a chart did not render as PNG: {str(outputs)[:300]}")

        png = result_text(ok(k, "new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)"), "image/png")
        check(png is not None and png.startswith("iVBOR"), "a BufferedImage did not render as PNG")

        outputs = ok(k, 'org.seqlab.display.Displayable view = () -> java.util.Map.of("text/html", "<b>mine</b>", "text/plain", "mine");\nview')
        check(result_text(outputs, "text/html") == "<b>mine</b>", f"a Displayable did not render its bundle: {outputs}")


def scenario_interrupt():
    with Kernel() as k:
        ok(k, "int kept = 7;")
        msg_id = k.kc.execute("while (true) {}")
        time.sleep(1.5)
        k.km.interrupt_kernel()
        start = time.time()
        reply, outputs = k.collect(msg_id, timeout=10)
        check(reply["status"] == "error", f"the interrupted cell ended with {reply['status']}")
        reply, outputs = k.execute("1 + 1", timeout=5)
        elapsed = time.time() - start
        check(result_text(outputs) == "2", f"1 + 1 after the interrupt gave {outputs}")
        check(elapsed < 5, f"1 + 1 answered {elapsed:.1f} s after the interrupt")
        time.sleep(max(0.0, 2.0 - (time.time() - start)))
        before = code_cpu_seconds(k.pid)
        time.sleep(1.0)
        used = code_cpu_seconds(k.pid) - before
        check(used < 0.1, f"the kernel's threads still use {used:.2f} s of CPU per second after the interrupt")
        check(result_text(ok(k, "kept")) == "7", "a variable defined before the interrupt is gone")


TRAINING = """
class Slow implements Trainable<Integer> {
    final Parameters params = new Parameters();
    final Parameter w = params.add("w", Nd4j.zeros(DataType.DOUBLE, 1));
    public Parameters parameters() { return params; }
    public StepResult trainStep(Integer batch) {
        long until = System.nanoTime() + 20_000_000;          // 20 ms of work per batch, no interrupt checks
        double x = 0;
        while (System.nanoTime() < until) x += Math.sqrt(x + 1);
        w.grad().assign(1);
        return StepResult.of(1.0, 1);
    }
    public StepResult evaluate(Integer batch) { return StepResult.of(1.0, 1); }
}
Slow model = new Slow();
Trainer<Integer> trainer = Trainer.builder().model(model).optimizer(Sgd.create(model.parameters(), 1.0))
        .epochs(1).shuffle(false).build();
List<Integer> batches = Collections.nCopies(2000, 0);
"""


def scenario_training_interrupt():
    """Kernel -> Interrupt during Trainer.fit keeps the model and history trained so far, consistent."""
    with Kernel() as k:
        ok(k, TRAINING)
        msg_id = k.kc.execute("FitResult result = trainer.fit(batches);")
        time.sleep(2.0)
        k.km.interrupt_kernel()
        k.collect(msg_id, timeout=10)
        steps = int(result_text(ok(k, "trainer.history().steps().size()")))
        check(0 < steps < 2000, f"the history after the interrupt has {steps} steps")
        w = float(result_text(ok(k, "model.w.value().getDouble(0)")))
        # Plain SGD with gradient 1 and rate 1: w = -steps exactly, unless a step was cut in half.
        check(w == -steps, f"the model (w = {w}) does not match the {steps} steps in the history")
        # The cell itself reports the interrupt, but its variable is assigned: fit returned at a batch end.
        reason = result_text(ok(k, "result.reason()"))
        check(reason == "INTERRUPTED", f"the fit reported {reason}")


def scenario_exit():
    with Kernel() as k:
        ok(k, "int kept = 5;")
        reply, outputs = k.execute("System.exit(3);")
        check(reply["status"] == "error", f"System.exit gave status {reply['status']}")
        text = plain(" ".join(" ".join(e["traceback"]) + e["evalue"] for e in errors(outputs)))
        check("System.exit(3) is blocked" in text, f"System.exit was not reported plainly: {text}")
        check(k.km.is_alive(), "the kernel died on System.exit")
        check(result_text(ok(k, "kept")) == "5", "variables were lost after System.exit")


def scenario_orphan():
    child = subprocess.Popen([sys.executable, __file__, "orphan-child"], stdout=subprocess.PIPE, text=True)
    pid = int(child.stdout.readline())
    check(os.path.exists(f"/proc/{pid}"), "the kernel did not start")
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.time() + 10
    while time.time() < deadline and os.path.exists(f"/proc/{pid}") and not zombie(pid):
        time.sleep(0.2)
    alive = os.path.exists(f"/proc/{pid}") and not zombie(pid)
    if alive:
        os.kill(pid, signal.SIGKILL)
    check(not alive, "the kernel outlived its parent by more than 10 s")


def zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def scenario_orphan_child():
    k = Kernel().__enter__()
    ok(k, "1")
    print(k.pid, flush=True)
    time.sleep(120)


def run_scenario(scenarios):
    """Runs the scenario named by the first command-line argument (the *IT classes call a script once per name):
    prints 'ok NAME', or 'FAILED NAME: why' on standard error with exit status 1."""
    name = sys.argv[1]
    try:
        scenarios[name]()
    except AssertionError as e:
        print(f"FAILED {name}: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"ok {name}")


SCENARIOS = {
    "cells": scenario_cells,
    "renderers": scenario_renderers,
    "interrupt": scenario_interrupt,
    "exit": scenario_exit,
    "training-interrupt": scenario_training_interrupt,
    "orphan": scenario_orphan,
    "orphan-child": scenario_orphan_child,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
