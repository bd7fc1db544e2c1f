"""Checks of stop_on_error, as Notebook's and JupyterLab's Run All and nbclient use it: after a cell that fails
(or is interrupted) with stop_on_error=True, the execute requests already queued behind it are answered
status "aborted" without running, as ipykernel does; requests sent afterwards run normally.

Run with Debian's Python: /usr/bin/python3 stop_on_error.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the
scenario holds; otherwise prints what failed and exits 1. StopOnErrorIT runs each scenario.
"""
import queue
import time

from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_protocol import TIMEOUT, Kernel, check, errors, ok, plain, streams, run_scenario

FAIL = "int a = 1/0;"
AFTER = 'System.out.println("after");'
AFTER_2 = 'System.out.println("after 2");'


def gather(k, msg_ids, timeout=TIMEOUT):
    """Every request's shell reply and IOPub messages, read until each request's idle status has come.

    Returns (replies: msg_id -> reply message, iopub: msg_id -> list of its IOPub messages in order)."""
    deadline = time.time() + timeout
    iopub = {m: [] for m in msg_ids}
    idle = set()
    while len(idle) < len(msg_ids):
        remaining = deadline - time.time()
        check(remaining > 0, f"no idle status for {set(msg_ids) - idle} within {timeout} s; got {iopub}")
        try:
            msg = k.kc.get_iopub_msg(timeout=remaining)
        except queue.Empty:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent in iopub:
            iopub[parent].append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle.add(parent)
    replies = {}
    while len(replies) < len(msg_ids):
        remaining = deadline - time.time()
        check(remaining > 0, f"no shell reply to {set(msg_ids) - set(replies)} within {timeout} s")
        try:
            msg = k.kc.get_shell_msg(timeout=remaining)
        except queue.Empty:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent in iopub:
            replies[parent] = msg
    return replies, iopub


def outputs_of(messages):
    return [m for m in messages if m["msg_type"] in ("stream", "execute_result", "display_data", "error")]


def check_aborted(reply, messages, code):
    """An aborted request: ipykernel's reply, busy and idle around it and nothing else on IOPub."""
    check(reply["msg_type"] == "execute_reply", f"{code!r} got a {reply['msg_type']}")
    check(reply["content"] == {"status": "aborted"}, f"{code!r} was answered {reply['content']}, not aborted")
    states = [m["content"]["execution_state"] for m in messages if m["msg_type"] == "status"]
    check(states == ["busy", "idle"], f"{code!r}: status messages {states}, expected busy then idle")
    kinds = [m["msg_type"] for m in messages if m["msg_type"] != "status"]
    check(kinds == [], f"{code!r} was aborted yet published {kinds}: {outputs_of(messages)}")


def check_failed(reply, messages, code, ename):
    validate_message(reply, "execute_reply", reply["parent_header"]["msg_id"])
    check(reply["content"]["status"] == "error", f"{code!r} ended with {reply['content']['status']}")
    errs = errors(messages)
    check(errs and ename in plain("\n".join(errs[0]["traceback"])), f"{code!r} published {errs}, expected {ename}")


def fresh_request_runs(k, after_count):
    """A request sent once the kernel is idle again runs, with the count after the failed cell's."""
    reply, outputs = k.execute('System.out.println("fresh");')
    check(reply["status"] == "ok", f"a request after the aborted ones failed: {reply} {errors(outputs)}")
    check(streams(outputs) == "fresh\n", f"a request after the aborted ones printed {streams(outputs)!r}")
    check(reply["execution_count"] == after_count + 1,
          f"the aborted requests took execution counts: the next cell got {reply['execution_count']}, "
          f"the failed one had {after_count}")


def scenario_queue():
    """Run All over three cells, the first failing; a kernel_info request in the queue is answered as usual."""
    with Kernel() as k:
        ok(k, "int before = 1;")
        # a client that waits for a failed cell's idle status before sending (nbclient) is never aborted
        reply, outputs = k.execute(FAIL)
        check(reply["status"] == "error", f"{FAIL!r} ended with {reply}")
        check(streams(ok(k, AFTER)) == "after\n", "a cell sent after the failed one went idle did not print")
        failing = k.kc.execute(FAIL, stop_on_error=True)
        info = k.kc.kernel_info()
        after = k.kc.execute(AFTER, stop_on_error=True)
        after_2 = k.kc.execute(AFTER_2, stop_on_error=False)  # ipykernel aborts it too: the flag of the failed one counts
        replies, iopub = gather(k, [failing, info, after, after_2])
        check_failed(replies[failing], iopub[failing], FAIL, "ArithmeticException")
        check(replies[info]["msg_type"] == "kernel_info_reply" and replies[info]["content"]["status"] == "ok",
              f"the queued kernel_info request got {replies[info]['content']}")
        check_aborted(replies[after], iopub[after], AFTER)
        check_aborted(replies[after_2], iopub[after_2], AFTER_2)
        printed = "".join(streams(v) for v in iopub.values())
        check("after" not in printed, f"an aborted cell ran: {printed!r}")
        fresh_request_runs(k, replies[failing]["content"]["execution_count"])
        # the aborted cells ran nothing: a variable they would have defined does not exist
        reply, outputs = k.execute("before")
        check(reply["status"] == "ok", f"a variable defined before the failed cell is gone: {errors(outputs)}")


def scenario_interrupted():
    """An interrupted cell (ipykernel: KeyboardInterrupt, an error reply) aborts the queue behind it too: the
    requests sent before the interrupt, not one sent after it."""
    with Kernel() as k:
        ok(k, "int before = 1;")
        loop = k.kc.execute("while (true) {}", stop_on_error=True)
        after = k.kc.execute(AFTER, stop_on_error=True)
        deadline = time.time() + TIMEOUT
        seen = []
        while True:  # wait until the loop runs (its execute_input), then interrupt it
            check(time.time() < deadline, f"the looping cell did not start within {TIMEOUT} s")
            msg = k.kc.get_iopub_msg(timeout=TIMEOUT)
            seen.append(msg)
            if msg["msg_type"] == "execute_input" and msg["parent_header"].get("msg_id") == loop:
                break
        time.sleep(1.0)
        k.km.interrupt_kernel()
        # sent after the interrupt, while the loop may still be stopping (Notebook already shows the kernel idle):
        # the learner ran it after interrupting, so it runs
        later = k.kc.execute("6 * 7", stop_on_error=True)
        replies, iopub = gather(k, [loop, after, later])
        iopub[loop] = [m for m in seen if m["parent_header"].get("msg_id") == loop] + iopub[loop]
        check(replies[loop]["content"]["status"] == "error",
              f"the interrupted cell ended with {replies[loop]['content']}")
        check_aborted(replies[after], iopub[after], AFTER)
        check(replies[later]["content"]["status"] == "ok",
              f"a cell sent after the interrupt was answered {replies[later]['content']}")
        results = [m for m in iopub[later] if m["msg_type"] == "execute_result"]
        check(results and results[0]["content"]["data"]["text/plain"] == "42",
              f"the cell sent after the interrupt showed {outputs_of(iopub[later])}")
        fresh_request_runs(k, replies[later]["content"]["execution_count"])


def scenario_no_stop():
    """With stop_on_error=False the cells behind a failed one run."""
    with Kernel() as k:
        failing = k.kc.execute(FAIL, stop_on_error=False)
        after = k.kc.execute(AFTER, stop_on_error=True)
        after_2 = k.kc.execute(AFTER_2, stop_on_error=True)
        replies, iopub = gather(k, [failing, after, after_2])
        check_failed(replies[failing], iopub[failing], FAIL, "ArithmeticException")
        for msg_id, text in ((after, "after\n"), (after_2, "after 2\n")):
            content = replies[msg_id]["content"]
            check(content["status"] == "ok", f"a cell behind a stop_on_error=False failure got {content}")
            check(streams(iopub[msg_id]) == text, f"it printed {streams(iopub[msg_id])!r}, not {text!r}")


def scenario_silent():
    """A silent request that fails aborts nothing (ipykernel: only a non-silent failure does)."""
    with Kernel() as k:
        failing = k.kc.execute(FAIL, silent=True, stop_on_error=True)
        after = k.kc.execute(AFTER, stop_on_error=True)
        replies, iopub = gather(k, [failing, after])
        check(replies[failing]["content"]["status"] == "error", f"the silent failure got {replies[failing]['content']}")
        check(replies[after]["content"]["status"] == "ok", f"the cell behind a silent failure got {replies[after]['content']}")
        check(streams(iopub[after]) == "after\n", f"it printed {streams(iopub[after])!r}")


SCENARIOS = {
    "queue": scenario_queue,
    "interrupted": scenario_interrupted,
    "no-stop": scenario_no_stop,
    "silent": scenario_silent,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
