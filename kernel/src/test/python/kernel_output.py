"""Checks of what the course kernel shows (errors, printed output, values, bundled libraries), spoken through
the real jupyter_client with kernel_protocol.py's helpers.

Run with Debian's Python: /usr/bin/python3 kernel_output.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the
scenario holds; otherwise prints what failed and exits 1. KernelOutputIT runs each scenario.
"""
import glob
import os
import queue
import re
import tempfile
import time

from kernel_protocol import TRAINING, Kernel, check, errors, ok, plain, result_text, run_scenario

BLACK_OR_WHITE = ("\x1b[30m", "\x1b[1;30m", "\x1b[37m", "\x1b[1;37m", "\x1b[40m", "\x1b[47m")


def traceback(k, code):
    """Runs a cell that must fail; returns its error output as plain text, checked for theme-proof colours."""
    reply, outputs = k.execute(code)
    check(reply["status"] == "error", f"the cell {code!r} did not fail: {reply}")
    errs = errors(outputs)
    check(len(errs) == 1, f"the cell {code!r} sent {len(errs)} error outputs")
    raw = "\n".join(errs[0]["traceback"])
    check(not any(c in raw for c in BLACK_OR_WHITE),
          f"the error output uses black or white, which one of the themes hides: {raw!r}")
    return plain(raw)


def scenario_errors():
    with Kernel() as k:
        ok(k, "class Bad {\n    static int v = init();\n    static int init() {\n        int q = 0;\n        return 1 / q;\n    }\n}")
        text = traceback(k, "int y = 2;\nint w = Bad.v;")
        check("java.lang.ExceptionInInitializerError" in text, f"no ExceptionInInitializerError: {text}")
        check("Caused by: java.lang.ArithmeticException: / by zero" in text,
              f"a failing static initialiser hides its cause: {text}")
        check("at Bad.init (In [1], line 5): return 1 / q;" in text,
              f"the initialiser's frame does not name its cell and line: {text}")
        check("at In [2], line 2: int w = Bad.v;" in text, f"the failing cell's line is not named: {text}")

        folder = tempfile.mkdtemp(prefix="seqlab-errors-")
        blocker = os.path.join(folder, "runs")
        with open(blocker, "w") as f:
            f.write("a file where the checkpoint folder should be")
        text = traceback(k, f'Checkpoint.save(Path.of("{blocker}/model.ckpt"), new Parameters(), null, 0, 0);')
        check(text.startswith("java.io.UncheckedIOException: could not save checkpoint"), f"the outer exception: {text}")
        check(f"Caused by: java.nio.file.FileAlreadyExistsException: {blocker}" in text,
              f"a failed Checkpoint.save hides the FileAlreadyExistsException: {text}")

        ok(k, "int half(int a) {\n    int b = a * 2;\n    return b / 0;\n}")
        text = traceback(k, "int z = 1;\n\nhalf(z)")
        check("at half (In [4], line 3): return b / 0;" in text, f"a method's frame lacks its cell line: {text}")
        check("at In [5], line 3: half(z)" in text, f"the calling line is not named: {text}")
        check("do_it$" not in text and "IJava" not in text and "jdk.internal" not in text,
              f"the error shows the kernel's own frames: {text}")

        text = traceback(k, "var xs = java.util.List.of(1, 2, 3);\nxs.stream()\n    .map(x -> x / 0)\n    .forEach(x -> {});")
        lines = text.split("\n")
        check(len(lines) <= 10, f"library frames are not folded ({len(lines)} lines): {text}")
        check(any("more frames in java.base" in line for line in lines), f"no fold of the stream's frames: {text}")

        text = traceback(k, "int a = 1;\nint b = 2;\n  String c = 3;")
        check("In [7], line 3: incompatible types: int cannot be converted to java.lang.String" in text,
              f"the compile error does not name its cell line: {text}")
        check("    String c = 3;\n               ^" in text, f"the compile error does not mark the span: {text}")


def stream_text(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def kinds(outputs):
    """The cell's outputs in order, adjacent messages of one stream counted once: ['stdout', 'display_data', ...]."""
    seen = []
    for m in outputs:
        kind = m["content"]["name"] if m["msg_type"] == "stream" else m["msg_type"]
        if not seen or seen[-1] != kind or m["msg_type"] != "stream":
            seen.append(kind)
    return seen


def await_printed(k, msg_id, text, timeout=120):
    """Reads the cell's output until its standard output holds `text`: a cell is known to run, however busy the
    machine, before the test interrupts it. Returns the outputs read."""
    deadline = time.time() + timeout
    outputs = []
    while text not in stream_text(outputs):
        check(time.time() < deadline, f"the cell printed no {text!r} within {timeout} s: {outputs}")
        try:
            msg = k.kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("stream", "error", "execute_result"):
            outputs.append(msg)
    return outputs


def scenario_streams():
    with Kernel() as k:
        outputs = ok(k, 'for (int i = 0; i < 5000; i++) System.out.println("loss " + i);')
        messages = [m for m in outputs if m["msg_type"] == "stream"]
        lines = stream_text(outputs).splitlines()
        check(lines == [f"loss {i}" for i in range(5000)], f"{len(lines)} of 5000 lines arrived, or out of order")
        check(len(messages) <= 10, f"5000 printed lines took {len(messages)} stream messages")

        outputs = ok(k, 'System.out.println("before");\ndisplay("shown");\nSystem.out.println("after");\n"value"')
        check(kinds(outputs) == ["stdout", "display_data", "stdout", "execute_result"],
              f"printed output and displays are out of order: {kinds(outputs)}")
        check(stream_text(outputs) == "before\nafter\n", f"printed {stream_text(outputs)!r}")

        outputs = ok(k, 'System.out.println("a");\nSystem.err.println("b");\nSystem.out.println("c");')
        check(kinds(outputs) == ["stdout", "stderr", "stdout"], f"stdout and stderr interleave wrongly: {kinds(outputs)}")

        reply, outputs = k.execute('System.out.println("first");\nthrow new IllegalStateException("then");')
        check(kinds(outputs) == ["stdout", "error"], f"printed output does not come before the error: {kinds(outputs)}")

        # A line printed while the cell runs arrives before the cell ends: the cell waits for a file that the
        # test writes only once the line has come.
        flag = os.path.join(tempfile.mkdtemp(prefix="seqlab-live-"), "go")
        msg_id = k.kc.execute(f'System.out.println("epoch 1");\n'
                              f'while (!Files.exists(Path.of("{flag}"))) Thread.sleep(20);\n'
                              f'System.out.println("epoch 2");')
        try:
            early = await_printed(k, msg_id, "epoch 1\n")
        finally:
            open(flag, "w").close()
        reply, outputs = k.collect(msg_id, timeout=120)
        check(stream_text(early + outputs) == "epoch 1\nepoch 2\n", f"the live cell printed {stream_text(early + outputs)!r}")

        started = time.time()
        reply, outputs = k.execute('String line = "x".repeat(1023);\n'
                                   'for (int i = 0; i < 12 * 1024; i++) System.out.println(line);', timeout=240)
        check(reply["status"] == "ok", f"the 12 MB cell failed: {reply}")
        shown = len(stream_text(outputs).encode())
        check(9 * 2**20 < shown <= 10 * 2**20, f"a cell printing 12 MB showed {shown} bytes")
        check("output cut: this cell printed more than 10 MB" in stream_text(outputs, "stderr"),
              f"no note says the output was cut: {stream_text(outputs, 'stderr')!r}")
        print(f"12 MB cell: {shown} bytes in {len(outputs)} messages, {time.time() - started:.1f} s")
        check(stream_text(ok(k, 'System.out.println("next");')) == "next\n", "the cell after the cut prints nothing")


def scenario_interrupt_output():
    """What a cell prints while an interrupt stops it reaches that cell, before its error."""
    with Kernel() as k:
        # One statement: an interrupt that came between two snippets of a cell, while JShell compiles the next,
        # would find nothing running yet.
        msg_id = k.kc.execute(
            'try {\n'
            '    System.out.println("working");\n'
            '    while (true) Thread.sleep(10);\n'
            '} catch (InterruptedException e) {\n'
            '    for (int i = 0; i < 3; i++) System.out.println("stopping " + i);\n'
            '    long until = System.nanoTime() + 300_000_000L;\n'
            '    while (System.nanoTime() < until) { }\n'
            '    System.out.println("stopped cleanly");\n'
            '}')
        early = await_printed(k, msg_id, "working\n")
        k.km.interrupt_kernel()
        reply, outputs = k.collect(msg_id, timeout=120)
        outputs = early + outputs
        text = stream_text(outputs)
        check(text == "working\nstopping 0\nstopping 1\nstopping 2\nstopped cleanly\n",
              f"what the cell printed while the interrupt stopped it did not all reach it: {text!r}")
        check(kinds(outputs)[-1] == "error", f"the interrupted cell's outputs end with {kinds(outputs)}")


def scenario_training_notice():
    with Kernel() as k:
        ok(k, TRAINING)
        msg_id = k.kc.execute("FitResult result = trainer.fit(batches);")
        time.sleep(2.0)
        k.km.interrupt_kernel()
        reply, outputs = k.collect(msg_id, timeout=120)
        check(reply["status"] == "error", f"the interrupted training cell reported {reply['status']}")
        errs = errors(outputs)
        check(len(errs) == 1, f"the interrupted training cell sent {len(errs)} errors")
        shown = errs[0]["traceback"]
        steps = int(result_text(ok(k, "trainer.history().steps().size()")))
        expected = f"Training stopped at step {steps} (Kernel → Interrupt); the model and its history are kept."
        check(shown == [expected], f"an interrupted training run shows {shown}, not the calm notice {expected!r}")
        check(result_text(ok(k, "result.reason()")) == "INTERRUPTED", "the fit's result is not kept")


def reference_jar(prefix):
    folder = os.environ.get("SEQLAB_TEST_JARS", "target/reference-jars")
    jars = glob.glob(os.path.join(folder, prefix + "-*.jar"))
    check(len(jars) == 1, f"no {prefix} jar to add in {folder}: {jars}")
    return jars[0]


def location(k, cls):
    """The jar a class was loaded from, as the kernel sees it."""
    return result_text(ok(k, f"{cls}.class.getProtectionDomain().getCodeSource().getLocation().getPath()")).strip('"')


def scenario_relocation():
    """IJava's bundled libraries never shadow the learner's (a newer JeroMQ or gson added with %jars) or the
    library's (gson for the grading checks, commons-lang3 for ND4J and Tablesaw)."""
    jeromq, gson = reference_jar("jeromq"), reference_jar("gson")
    with Kernel() as k:
        check(result_text(ok(k, 'Class.forName("org.seqlab.kernel.bundled.gson.Gson").getSimpleName()')).strip('"')
              == "Gson",
              "IJava's gson is not where the kernel's build relocates it")
        reply, outputs = k.execute('Class.forName("org.zeromq.ZContext")')
        check(reply["status"] == "error", "the kernel still carries a JeroMQ under JeroMQ's own package name")

        # IJava bundles JeroMQ 0.5.1; ZContext.isEmpty() is new in 0.6.0, so it compiles only against the
        # learner's jar.
        ok(k, f"%jars {jeromq}")
        empty = result_text(ok(k, "new org.zeromq.ZContext().isEmpty()"))
        check(empty == "true", f"JeroMQ 0.6's API (ZContext.isEmpty) gave {empty!r}")
        where = location(k, "org.zeromq.ZContext")
        check(where.endswith(os.path.basename(jeromq)), f"JeroMQ's classes come from {where}, not {jeromq}")

        # The library carries a gson of its own now; with it or with the learner's, IJava's 2.8.5 never answers.
        ok(k, f"%jars {gson}")
        size = result_text(ok(k, 'com.google.gson.JsonParser.parseString("{\\"steps\\": [1, 2, 3]}")'
                                 '.getAsJsonObject().get("steps").getAsJsonArray().size()'))
        check(size == "3", f"gson's newer API (JsonParser.parseString) gave {size!r}")
        where = location(k, "com.google.gson.Gson")
        check(re.search(r"/gson-2\.\d+(\.\d+)?\.jar$", where) and "2.8.5" not in where,
              f"gson's classes come from {where}, not a gson jar of the library or the learner")

        where = location(k, "org.apache.commons.lang3.StringUtils")
        check(re.search(r"commons-lang3-3\.\d+(\.\d+)?\.jar", where) and "3.8.1" not in where,
              f"commons-lang3, which ND4J and Tablesaw link against, comes from {where}")
        between = result_text(ok(k, "org.apache.commons.lang3.compare.ComparableUtils.is(3).between(1, 5)"))
        check(between == "true", f"commons-lang3 3.10's ComparableUtils gave {between!r}")
        check("6.0" in result_text(ok(k, "Nd4j.createFromArray(1f, 2f, 3f).sumNumber()")), "ND4J no longer works")


def scenario_values():
    """IJava's views of common JDK values, audited: each renders readably, with rich output that shows."""
    with Kernel() as k:
        def shown(code, mime="text/plain"):
            return result_text(ok(k, code), mime)

        check(shown("new int[] {3, 1, 5, 1, 2, 3, 4, 5}") == "int[8] [3, 1, 5, 1, 2, 3, 4, 5]", "an int[] shows its identity hash")
        check(shown("new double[][] {{1, 2}, {3, 4}}") == "double[2][2] [[1.0, 2.0], [3.0, 4.0]]", "a double[][] is not readable")
        check(shown('new String[] {"a", "b"}') == 'String[2] ["a", "b"]', "a String[] is not readable")
        long = shown("IntStream.range(0, 100).toArray()")
        check(long.startswith("int[100] [0, 1, 2,") and long.endswith("…]"), f"a long array shows {long!r}")

        check(shown("record Step(int t, double[] h) {}\nnew Step(3, new double[] {0.5, -0.5})")
              == "Step[t=3, h=double[2] [0.5, -0.5]]", "a record with an array is not readable")
        check(shown("java.util.List.of(1, 2, 3)") == "[1, 2, 3]", "a list changed its format")
        check(shown('new java.util.TreeMap<>(java.util.Map.of("loss", 0.5, "acc", 0.9))') == "{acc=0.9, loss=0.5}",
              "a map changed its format")
        many = shown("IntStream.range(0, 5000).boxed().toList()")
        check(many.endswith(", 999, … 4000 more]"), f"a 5000-element list is not cut: {many[-60:]!r}")

        outputs = ok(k, 'new java.net.URL("https://example.org/data?x=1&y=2")')
        check(result_text(outputs, "text/html") ==
              '<a href="https://example.org/data?x=1&amp;y=2" target="_blank" rel="noopener">https://example.org/data?x=1&amp;y=2</a>',
              f"a URL's HTML is {result_text(outputs, 'text/html')!r}")
        check(result_text(outputs) == "https://example.org/data?x=1&y=2", "a URL's text changed")
        check(shown('URI.create("https://example.org")', "text/html").startswith('<a href="https://example.org"'),
              "a URI is not a link")
        for code, text in (('Path.of("/tmp/runs/model.ckpt")', "/tmp/runs/model.ckpt"), ('new File("/tmp/runs")', "/tmp/runs")):
            outputs = ok(k, code)
            check(result_text(outputs) == text and result_text(outputs, "text/html") is None,
                  f"{code} shows {result_text(outputs)!r} / {result_text(outputs, 'text/html')!r}")

        check(shown("Optional.of(3)") == "Optional[3]" and shown("Optional.empty()") == "Optional.empty",
              "optionals changed their text")
        ok(k, 'XYChart loss = new XYChartBuilder().width(200).height(120).title("loss").build();\n'
              'loss.addSeries("train", new double[] {1, 2, 3}, new double[] {3, 2, 1});')
        outputs = ok(k, "Optional.of(loss)")
        check((result_text(outputs, "image/png") or "").startswith("iVBOR"), "an Optional of a chart does not show the chart")
        check(result_text(outputs) == 'Optional[<XYChart "loss" 200x120>]', f"an Optional of a chart reads {result_text(outputs)!r}")

        outputs = ok(k, "java.util.List.of(loss, loss)")
        html = result_text(outputs, "text/html") or ""
        check(html.count('<img src="data:image/png;base64,iVBOR') == 2, f"a list of charts does not show them: {html[:200]!r}")
        check(result_text(outputs) == '[<XYChart "loss" 200x120>, <XYChart "loss" 200x120>]',
              f"a list of charts reads {result_text(outputs)!r}")
        outputs = ok(k, "var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        "java.util.List.of(image, image)")
        check((result_text(outputs, "text/html") or "").count("<img ") == 2, "a list of images does not show them")

        outputs = ok(k, "image")
        check(result_text(outputs) == "<image 40x30>", f"an image's text is {result_text(outputs)[:80]!r}")
        check((result_text(outputs, "image/png") or "").startswith("iVBOR"), "an image no longer shows as PNG")

        folder = tempfile.mkdtemp(prefix="seqlab-values-")
        data = os.path.join(folder, "losses.csv")
        with open(data, "w") as f:
            f.write("step,loss\n1,0.5\n")
        reply, outputs = k.execute(f'var in = Files.newInputStream(Path.of("{data}"));\nin')
        check(reply["status"] == "ok", f"a cell whose value is an InputStream fails: {errors(outputs)}")
        check(result_text(outputs, "image/png") is None, "an InputStream is shown as an image")
        check(shown("(char) in.read()") == "s", "showing an InputStream read from it")
        outputs = ok(k, 'new java.net.URL("https://example.org/data.csv").openConnection()')
        check((result_text(outputs, "text/html") or "").startswith('<a href="https://example.org/data.csv"'),
              f"a URLConnection's HTML is {result_text(outputs, 'text/html')!r}")
        check(shown('java.util.Map.entry("steps", new int[] {1, 2})') == "steps=int[2] [1, 2]",
              "a map entry shows its array's identity hash")
        check(shown("IntStream.range(0, 5)") == "<IntStream, not run yet: .boxed().toList() collects its elements>",
              "a stream shows its identity hash")
        check(shown("Function<String, Integer> f = String::length;\nf") == "<lambda implementing Function>",
              "a lambda shows its hidden class")
        check(shown("new INDArray[] {Nd4j.zeros(2, 2)}") == "INDArray[1] [INDArray [2, 2] float]",
              "an array of INDArrays names their class with its package")

        text = shown("Nd4j.rand(DataType.FLOAT, 5000, 3)")
        check(text.startswith("INDArray [5000, 3] float\n") and "..." in text and len(text) < 2000,
              f"a [5000, 3] INDArray is not summarised ({len(text)} characters): {text[:200]!r}")


SCENARIOS = {
    "errors": scenario_errors,
    "streams": scenario_streams,
    "interrupt-output": scenario_interrupt_output,
    "training-notice": scenario_training_notice,
    "relocation": scenario_relocation,
    "values": scenario_values,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
