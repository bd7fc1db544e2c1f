"""The workbook as a learner opens it: Debian's Jupyter Notebook server on notebooks/, the course kernel
started through the server's REST API, and a cell executed over the server's websocket.

Run with Debian's Python: /usr/bin/python3 notebook_server.py NOTEBOOK_DIR
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check holds;
otherwise prints what failed and exits 1. NotebookServerIT runs it.
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

from tornado import ioloop, websocket
from tornado.httpclient import HTTPRequest

TOKEN = "seqlab-test"
TIMEOUT = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def api(port, path, method="GET", body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        text = reply.read().decode()
        return json.loads(text) if text else None


def wait_for_server(port, server):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the notebook server exited with {server.returncode}")
        try:
            return api(port, "/api/status")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the notebook server did not answer within {TIMEOUT} s")


async def run_cell(port, kernel_id, code):
    """Sends one execute_request over the kernel's websocket; returns (reply content, output messages)."""
    ws = await websocket.websocket_connect(HTTPRequest(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}",
        headers={"Authorization": f"token {TOKEN}"},
        # the server answers the upgrade once the kernel has replied to kernel_info, which a loaded machine delays
        # past tornado's default 20 s
        connect_timeout=TIMEOUT, request_timeout=TIMEOUT))
    msg_id = str(uuid.uuid4())
    ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                   "session": str(uuid.uuid4()), "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    reply, outputs, idle = None, [], False
    deadline = time.time() + TIMEOUT
    while (reply is None or not idle) and time.time() < deadline:
        raw = await ws.read_message()
        check(raw is not None, "the kernel websocket closed")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "execute_reply":
            reply = msg["content"]
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append(msg)
    ws.close()
    check(reply is not None, f"no execute_reply within {TIMEOUT} s")
    return reply, outputs


def main(notebooks):
    port = free_port()
    server = subprocess.Popen(
        ["/usr/bin/jupyter", "notebook", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--notebook-dir={notebooks}", f"--NotebookApp.token={TOKEN}", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kernel_id = None
    try:
        wait_for_server(port, server)
        specs = api(port, "/api/kernelspecs")["kernelspecs"]
        check("seqlab" in specs, f"the server does not offer the course kernel: {sorted(specs)}")
        check(specs["seqlab"]["spec"]["display_name"] == "Java (Seqlab)", f"kernelspec: {specs['seqlab']}")

        listing = [item["name"] for item in api(port, "/api/contents")["content"]]
        check("00-welcome.ipynb" in listing, f"the workbook lists {listing}")
        welcome = api(port, "/api/contents/00-welcome.ipynb")
        check(welcome["content"]["metadata"]["kernelspec"]["name"] == "seqlab",
              "00-welcome.ipynb does not ask for the course kernel")

        kernel_id = api(port, "/api/kernels", "POST", {"name": "seqlab"})["id"]
        reply, outputs = ioloop.IOLoop.current().run_sync(
            lambda: run_cell(port, kernel_id, "Nd4j.createFromArray(1f, 2f, 3f).sumNumber()"), timeout=2 * TIMEOUT)
        check(reply["status"] == "ok", f"the first cell failed: {reply} {outputs}")
        text = " ".join(m["content"].get("data", {}).get("text/plain", "") for m in outputs)
        check("6.0" in text, f"ND4J's sum of 1, 2, 3 gave {text!r}")
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
        print(f"FAILED notebook server: {e}", file=sys.stderr)
        sys.exit(1)
    print("ok notebook server")
