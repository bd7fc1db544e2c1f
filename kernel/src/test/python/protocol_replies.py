"""Checks of the Jupyter messages a user meets besides execution: completion and inspection (signature help),
completeness, history, kernel and comm info, shutdown and restart, spoken through the real jupyter_client.

Run with Debian's Python: /usr/bin/python3 protocol_replies.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the
scenario holds; otherwise prints what failed and exits 1. KernelRepliesIT runs each scenario.
"""
import os
import pathlib
import queue
import tempfile
import time
import uuid

from jupyter_client.manager import KernelManager
from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_protocol import KERNEL, TIMEOUT, Kernel, check, errors, ok, result_text, run_scenario


def reply_to(kc, msg_id, timeout=TIMEOUT, control=False):
    """The shell (or control) reply to msg_id, skipping replies to earlier requests."""
    deadline = time.time() + timeout
    while True:
        remaining = deadline - time.time()
        if remaining <= 0:
            raise AssertionError(f"no reply to {msg_id} within {timeout} s")
        try:
            msg = (kc.get_control_msg if control else kc.get_shell_msg)(timeout=remaining)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def valid_reply(kc, msg_id, msg_type, timeout=TIMEOUT, control=False):
    """The reply to msg_id, checked against Jupyter's message schema (jupyter_kernel_test's)."""
    reply = reply_to(kc, msg_id, timeout, control)
    validate_message(reply, msg_type, msg_id)
    return reply["content"]


def complete(k, code, cursor=None):
    msg_id = k.kc.complete(code, len(code) if cursor is None else cursor)
    return valid_reply(k.kc, msg_id, "complete_reply")


def inspect(k, code, cursor=None, detail=0):
    msg_id = k.kc.inspect(code, len(code) if cursor is None else cursor, detail)
    return valid_reply(k.kc, msg_id, "inspect_reply")


def is_complete(k, code):
    msg_id = k.kc.is_complete(code)
    return valid_reply(k.kc, msg_id, "is_complete_reply")


def history(k, **request):
    msg_id = k.kc.history(**request)
    return valid_reply(k.kc, msg_id, "history_reply")["history"]


def iopub_of(k, msg_id, msg_type, timeout=TIMEOUT):
    """The first IOPub message of msg_type whose parent is msg_id."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = k.kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == msg_type:
            return msg
    raise AssertionError(f"no {msg_type} on IOPub for {msg_id} within {timeout} s")


class KernelIn(Kernel):
    """A started kernel whose working folder is `cwd`."""

    def __init__(self, cwd):
        self.cwd = cwd

    def __enter__(self):
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(cwd=str(self.cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        return self


def scenario_kernel_info():
    """kernel_info_reply passes the message schema (IJava's had no status) and says what the kernel runs; so
    does interrupt_reply."""
    with Kernel() as k:
        msg = k.kc.session.msg("interrupt_request", {})
        k.kc.control_channel.send(msg)
        content = valid_reply(k.kc, msg["header"]["msg_id"], "interrupt_reply", control=True)
        check(content["status"] == "ok", f"interrupt_reply {content}")
        content = valid_reply(k.kc, k.kc.kernel_info(), "kernel_info_reply")
        check(content["status"] == "ok", f"kernel_info status {content.get('status')}")
        check(content["language_info"]["name"] == "Java", f"language {content['language_info']}")
        check(content["language_info"]["file_extension"] == ".jshell", f"extension {content['language_info']}")
        check(content["debugger"] is False, f"debugger {content.get('debugger')}")
        check(content["protocol_version"].startswith("5."), f"protocol {content['protocol_version']}")


def scenario_history():
    """A console's up-arrow history: tail, range and search (glob, unique, n) over the session's inputs, as
    ipykernel answers them; silent cells are not kept."""
    with Kernel() as k:
        cells = ["int x = 41;", "x + 1", "Math.abs(-2)", "x * 2", "Math.abs(-2)"]
        for code in cells:
            ok(k, code)
        k.kc.execute("int hidden = 0;", silent=True, store_history=False)
        ok(k, "1")
        rows = history(k, hist_access_type="tail", n=3, raw=True, output=False)
        check([r[2] for r in rows] == ["x * 2", "Math.abs(-2)", "1"], f"tail 3 gave {rows}")
        session = rows[0][0]
        lines = [r[1] for r in rows]
        check(lines == sorted(lines) and len(set(lines)) == 3, f"tail lines {lines}")
        first = history(k, hist_access_type="tail", n=100, raw=True, output=False)
        check([r[2] for r in first] == cells + ["1"], f"the whole history is {first}")
        start = first[1][1]
        rows = history(k, hist_access_type="range", session=session, start=start, stop=start + 2, raw=True, output=False)
        check([r[2] for r in rows] == ["x + 1", "Math.abs(-2)"], f"range gave {rows}")
        rows = history(k, hist_access_type="range", session=0, start=start, stop=start + 1, raw=True, output=False)
        check([r[2] for r in rows] == ["x + 1"], f"range of session 0 (the current one) gave {rows}")
        rows = history(k, hist_access_type="search", pattern="Math.abs*", raw=True, output=False)
        check([r[2] for r in rows] == ["Math.abs(-2)"] * 2, f"search gave {rows}")
        rows = history(k, hist_access_type="search", pattern="Math.abs*", unique=True, raw=True, output=False)
        check(len(rows) == 1 and rows[0][1] == first[4][1], f"unique search gave {rows}")
        rows = history(k, hist_access_type="search", pattern="x*", n=1, raw=True, output=False)
        check([r[2] for r in rows] == ["x * 2"], f"search with n gave {rows}")
        rows = history(k, hist_access_type="tail", n=1, raw=True, output=True)
        check(rows[0][2] == ["1", None], f"tail with output gave {rows}")


def scenario_is_complete():
    """Enter in a console: unfinished blocks, calls and text blocks are incomplete with an indent; code no
    continuation can fix is invalid; finished code is complete."""
    with Kernel() as k:
        expected = [
            ("int x = 3;", "complete", None),
            ("1 + 1", "complete", None),
            ("for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}", "complete", None),
            ("for (int i = 0; i < 3; i++) {", "incomplete", "    "),
            ("if (true) {\n    int y = 1;", "incomplete", "    "),
            ("int y = Math.max(1,", "incomplete", "    "),
            ('String s = """\n    first line', "incomplete", "    "),
            ("int int int = 3;", "invalid", None),
            ("1 +* 2;", "invalid", None),
            ('String s = "abc', "invalid", None),
        ]
        for code, status, indent in expected:
            content = is_complete(k, code)
            check(content["status"] == status, f"{code!r} is {content}, expected {status}")
            if indent is not None:
                check(content.get("indent") == indent, f"{code!r} gave indent {content.get('indent')!r}, expected {indent!r}")


def scenario_inspect():
    """Shift-Tab shows signatures and the first javadoc sentence for a JDK method, a library method in a builder
    chain and a library class; the second detail level shows the whole javadoc."""
    with Kernel() as k:
        content = inspect(k, "Math.max(")
        text = content["data"].get("text/plain", "")
        check(content["found"], f"Math.max( found nothing: {content}")
        check("int Math.max(int a, int b)" in text and "double Math.max(double a, double b)" in text,
              f"Math.max( shows {text!r}")
        check("Returns the greater of two int values." in text, f"no JDK javadoc for Math.max: {text!r}")
        check("text/html" in content["data"], "no HTML form")

        text = inspect(k, "Trainer.builder().epochs(")["data"].get("text/plain", "")
        check("epochs(int epochs)" in text and "Epochs per fit call (default 10)." in text,
              f"Trainer.builder().epochs( shows {text!r}")

        code = "var trainer = Trainer.builder();"
        text = inspect(k, code, code.index("Trainer") + 3)["data"].get("text/plain", "")
        check(text.startswith("org.seqlab.train.Trainer<B>") and "The training loop" in text, f"Trainer shows {text!r}")

        text = inspect(k, "var builder = Trainer.builder();\nbuilder.epochs(")["data"].get("text/plain", "")
        check("epochs(int epochs)" in text, f"a variable declared earlier in the cell: {text!r}")

        ok(k, "List<String> names = new ArrayList<>();")
        text = inspect(k, "names.add(")["data"].get("text/plain", "")
        check("boolean List<E>.add(E e)" in text.replace("E extends Object", "E"), f"names.add( shows {text!r}")

        text = inspect(k, "Math.abs(", detail=1)["data"].get("text/plain", "")
        check("Parameters:" in text and "Returns:" in text, f"detail level 1 shows {text!r}")

        content = inspect(k, "1 + ")
        check(content["status"] == "ok" and not content["found"], f"inspecting nothing gave {content}")

        # Jupyter counts the cursor in code points: an emoji before it is one, though Java holds it in two chars
        text = inspect(k, 'String smile = "\U0001F600"; Math.max(')["data"].get("text/plain", "")
        check("int Math.max(int a, int b)" in text, f"after an emoji Math.max( shows {text!r}")


def scenario_completion():
    """TAB completion: each match's kind and a method's parameter lists in ipykernel's metadata; constructors
    after new; file names inside a string; nothing inside a comment."""
    with tempfile.TemporaryDirectory() as folder:
        pathlib.Path(folder, "data.csv").write_text("x\n1\n")
        pathlib.Path(folder, "datasets").mkdir()
        with KernelIn(folder) as k:
            content = complete(k, "Math.ma")
            check(content["matches"] == ["max("], f"Math.ma gave {content['matches']}")
            meta = content["metadata"]["_jupyter_types_experimental"]
            check(meta[0]["type"] == "function" and "(int a, int b)" in meta[0]["signature"]
                  and "(double a, double b)" in meta[0]["signature"], f"Math.ma metadata {meta}")
            check(meta[0]["start"] == content["cursor_start"] == 5 and meta[0]["end"] == content["cursor_end"] == 7,
                  f"Math.ma positions {content}")

            content = complete(k, "Trainer.builder().epo")
            meta = dict(zip(content["matches"], content["metadata"]["_jupyter_types_experimental"]))
            check("epochs(" in meta and meta["epochs("]["signature"] == "(int epochs)", f"builder chain gave {meta}")

            content = complete(k, "var builder = Trainer.builder();\nbuilder.epo")
            check("epochs(" in content["matches"], f"a variable declared earlier in the cell: {content['matches']}")

            content = complete(k, "List<String> names = new ArrayL")
            meta = dict(zip(content["matches"], content["metadata"]["_jupyter_types_experimental"]))
            check("ArrayList(" in meta and meta["ArrayList("]["type"] == "class", f"after new: {meta}")
            content = complete(k, "new ")
            check(content["matches"] and not any(m.startswith("$") for m in content["matches"]),
                  f"after new: {content['matches'][:20]}")

            code = 'var table = Table.read().csv("da'
            content = complete(k, code)
            check(content["matches"] == ["data.csv", "datasets/"], f"in a string: {content['matches']}")
            check(content["cursor_start"] == code.index('"') + 1, f"in a string: {content}")

            code = 'String smile = "\U0001F600"; Math.ma'
            content = complete(k, code)
            meta = content["metadata"]["_jupyter_types_experimental"]
            check(content["matches"] == ["max("] and content["cursor_start"] == len(code) - 2
                  and content["cursor_end"] == len(code) and meta[0]["start"] == len(code) - 2
                  and meta[0]["end"] == len(code), f"after an emoji (code points, as Jupyter counts): {content}")

            content = complete(k, "int x = 1; // Math.ma")
            check(content["matches"] == [], f"in a comment: {content['matches']}")


def scenario_comm_info():
    """comm_info_reply passes the schema; a comm opened to a target the kernel does not have is closed again,
    as ipykernel does, and is not listed."""
    with Kernel() as k:
        content = valid_reply(k.kc, k.kc.comm_info(), "comm_info_reply")
        check(content["status"] == "ok" and content["comms"] == {}, f"comm_info gave {content}")
        comm_id = uuid.uuid4().hex
        msg = k.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
        k.kc.shell_channel.send(msg)
        closed = iopub_of(k, msg["header"]["msg_id"], "comm_close")
        check(closed["content"]["comm_id"] == comm_id, f"comm_close for {closed['content']}")
        content = valid_reply(k.kc, k.kc.comm_info(target_name="no.such.target"), "comm_info_reply")
        check(content["comms"] == {}, f"comm_info after the refused open gave {content}")


def scenario_shutdown():
    """shutdown_request: the reply passes the schema (also published on IOPub) and the kernel process ends by
    itself; a restart gives a fresh kernel; a shutdown while a cell runs still answers at once."""
    with Kernel() as k:
        ok(k, "int kept = 1;")
        k.km.restart_kernel(now=False)
        k.kc.wait_for_ready(timeout=TIMEOUT)
        reply, outputs = k.execute("kept")
        check(reply["status"] == "error", f"a variable survived the restart: {reply}")
        check(result_text(ok(k, "1 + 1")) == "2", "the restarted kernel does not run cells")

        msg_id = k.kc.execute("while (true) {}")
        time.sleep(1.0)
        pid = k.pid
        start = time.time()
        shutdown_id = k.kc.shutdown(restart=True)
        content = valid_reply(k.kc, shutdown_id, "shutdown_reply", timeout=10, control=True)
        check(content["status"] == "ok" and content["restart"] is True, f"shutdown_reply {content}")
        check(time.time() - start < 5, f"the shutdown reply took {time.time() - start:.1f} s behind a running cell")
        published = iopub_of(k, shutdown_id, "shutdown_reply", timeout=10)
        check(published["content"]["restart"] is True, f"shutdown_reply on IOPub: {published['content']}")
        deadline = time.time() + 15
        while time.time() < deadline and k.km.is_alive():
            time.sleep(0.2)
        check(not k.km.is_alive(), f"the kernel (pid {pid}) still runs 15 s after its shutdown reply")


def scenario_startup_completion():
    """Completions sent from the first moment, while the kernel warms JShell up, all answer correctly; nothing
    in the kernel's log says that JShell was used from two threads at once."""
    with tempfile.TemporaryFile(mode="w+") as log:
        km = KernelManager(kernel_name=KERNEL)
        km.start_kernel(stdout=log, stderr=log)
        kc = km.client()
        kc.start_channels()
        try:
            sent = []
            start = time.time()
            while time.time() - start < 4:
                sent.append(kc.complete("Math.ma", 7))
                time.sleep(0.05)
            for msg_id in sent:
                content = reply_to(kc, msg_id, timeout=120)["content"]
                check(content["status"] == "ok", f"a completion during the warm-up failed: {content}")
                check("max(" in content["matches"], f"completion of Math.ma during the warm-up gave {content}")
            msg_id = kc.execute("6 * 7")
            reply = reply_to(kc, msg_id)
            check(reply["content"]["status"] == "ok", f"the first cell after the warm-up failed: {reply['content']}")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        log.seek(0)
        text = log.read()
        check("Exception" not in text, f"the kernel logged an exception:\n{text}")


SCENARIOS = {
    "startup-completion": scenario_startup_completion,
    "kernel-info": scenario_kernel_info,
    "history": scenario_history,
    "is-complete": scenario_is_complete,
    "inspect": scenario_inspect,
    "completion": scenario_completion,
    "comm-info": scenario_comm_info,
    "shutdown": scenario_shutdown,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
