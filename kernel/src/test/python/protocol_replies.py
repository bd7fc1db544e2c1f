"""Checks of the Jupyter messages a user meets besides execution: completion and inspection (signature help),
completeness, history, kernel and comm info, shutdown and restart, spoken through the real jupyter_client.

Run with Debian's Python: /usr/bin/python3 protocol_replies.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the
scenario holds; otherwise prints what failed and exits 1. KernelRepliesIT runs each scenario.
"""
import os
import queue
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

from kernel_protocol import KERNEL, TIMEOUT, Kernel, check, ok, result_text


def reply_to(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id, skipping replies to earlier requests."""
    deadline = time.time() + timeout
    while True:
        remaining = deadline - time.time()
        if remaining <= 0:
            raise AssertionError(f"no reply to {msg_id} within {timeout} s")
        try:
            msg = kc.get_shell_msg(timeout=remaining)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def complete(k, code, cursor=None):
    msg_id = k.kc.complete(code, len(code) if cursor is None else cursor)
    return reply_to(k.kc, msg_id)["content"]


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
}

if __name__ == "__main__":
    try:
        SCENARIOS[sys.argv[1]]()
    except AssertionError as e:
        print(f"FAILED {sys.argv[1]}: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"ok {sys.argv[1]}")
