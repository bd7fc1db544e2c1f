"""Printed output through the notebook server that ./course start opens, counted as the browser would receive it
over the kernel's websocket: every line arrives, in a handful of messages, without the server's
"IOPub message rate exceeded" or "IOPub data rate exceeded" warnings.

Run with Debian's Python: /usr/bin/python3 notebook_server_output.py NOTEBOOK_DIR
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check holds;
otherwise prints what failed and exits 1. NotebookServerOutputIT runs it.
"""
import os
import subprocess
import sys
import time

from tornado import ioloop

from notebook_server import TIMEOUT, TOKEN, api, check, free_port, run_cell, wait_for_server


def printed(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs
                   if m["header"]["msg_type"] == "stream" and m["content"]["name"] == name)


def cell(port, kernel_id, code):
    reply, outputs = ioloop.IOLoop.current().run_sync(lambda: run_cell(port, kernel_id, code), timeout=2 * TIMEOUT)
    check(reply["status"] == "ok", f"the cell failed: {reply} {str(outputs)[:500]}")
    warnings = printed(outputs, "stderr")
    check("rate exceeded" not in warnings, f"the server dropped output: {warnings[:300]!r}")
    return outputs


def main(notebooks):
    port = free_port()
    server = subprocess.Popen(
        ["/usr/bin/jupyter", "notebook", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--notebook-dir={notebooks}", f"--NotebookApp.token={TOKEN}", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kernel_id = None
    try:
        wait_for_server(port, server)
        kernel_id = api(port, "/api/kernels", "POST", {"name": "seqlab"})["id"]

        outputs = cell(port, kernel_id, 'for (int i = 0; i < 5000; i++) System.out.println("loss " + i);')
        lines = printed(outputs).splitlines()
        messages = sum(1 for m in outputs if m["header"]["msg_type"] == "stream")
        check(lines == [f"loss {i}" for i in range(5000)], f"{len(lines)} of 5000 lines reached the browser")
        check(messages <= 10, f"5000 lines took {messages} messages")
        print(f"5000 lines: {messages} stream messages")

        started = time.time()
        outputs = cell(port, kernel_id, 'String pad = "-".repeat(90);\n'
                                        'for (int i = 0; i < 40_000; i++) System.out.printf("%05d %s%n", i, pad);')
        lines = printed(outputs).splitlines()
        check(len(lines) == 40_000 and lines[-1].startswith("39999 "),
              f"{len(lines)} of 40 000 lines (4 MB) reached the browser")
        print(f"4 MB: {len(outputs)} messages in {time.time() - started:.1f} s")
    finally:
        if kernel_id:
            try:
                api(port, f"/api/kernels/{kernel_id}", "DELETE")
            except OSError:
                pass
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    try:
        main(os.path.abspath(sys.argv[1]))
    except AssertionError as e:
        print(f"FAILED notebook server output: {e}", file=sys.stderr)
        sys.exit(1)
    print("ok notebook server output")
