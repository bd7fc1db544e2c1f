"""What a cell's printed output costs in the browser: the course kernel against a bare IJava kernel, in Jupyter
Notebook 6 (the server ./course start opens) in Debian's headless Chromium, driven over the DevTools protocol.

    /usr/bin/python3 bench/kernel/printed_output.py [--mb 12]

Run from the repository root after `mvn -B package`. The kernels are installed in a temporary folder as
bench_kernels.py installs them. For each kernel the page runs `for (int i = 0; i < 5000; i++)
System.out.println("loss " + i);` and reports how many lines the page shows (the notebook server drops what
comes faster than its rate limits allow) and in how many output areas. Then the course kernel runs a cell that
prints --mb megabytes (MiB; its cap is 10) and the script reports when the cell was done, how much text the page
holds, whether it shows the note that the output was cut, and the longest time the page's main thread took to
answer while the output arrived (sampled every 200 ms with Runtime.evaluate): the browser staying responsive
means that stays short.
"""
import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

from tornado import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "kernel", "src", "test", "python"))
from bench_kernels import install_kernels  # noqa: E402
from notebook_server import TOKEN, free_port, wait_for_server  # noqa: E402

LINES = 'for (int i = 0; i < 5000; i++) System.out.println("loss " + i);'


def big_cell(mb):
    lines = int(mb * 1024 * 1024 / 101)  # each line: 6 digits, a space, 93 dashes and a newline
    return f'String pad = "-".repeat(93);\nfor (int i = 0; i < {lines}; i++) System.out.printf("%06d %s%n", i, pad);'


def notebook(folder, name, kernel, code):
    cells = ["1 + 1", code]  # the first cell waits for the kernel's start, so the second is timed alone
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                    for c in cells],
          "metadata": {"kernelspec": {"name": kernel, "display_name": kernel, "language": "java"}},
          "nbformat": 4, "nbformat_minor": 5}
    with open(os.path.join(folder, name), "w") as f:
        json.dump(nb, f)


class Page:
    """One Chromium tab spoken to over the DevTools protocol."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0

    async def call(self, method, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.write_message(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(await self.ws.read_message())
            if msg.get("id") == mid:
                return msg.get("result", {})

    async def js(self, expr):
        result = await self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return result.get("result", {}).get("value")


DONE = "(c => c.input_prompt_number !== null && c.input_prompt_number !== '*')(Jupyter.notebook.get_cell(0))"
STATE = ("(() => { const c = Jupyter.notebook.get_cell(1); const outs = c.output_area.outputs;"
         " const text = outs.filter(o => o.output_type === 'stream' && o.name === 'stdout').map(o => o.text).join('');"
         " return {done: c.input_prompt_number !== null && c.input_prompt_number !== '*', chars: text.length,"
         " lines: text.split('\\n').length - 1, blocks: outs.length,"
         " cut: outs.some(o => o.output_type === 'stream' && o.name === 'stderr' && o.text.includes('output cut'))};"
         " })()")


async def run_notebook(page, port, name, settle=3.0, timeout=600):
    """Opens a notebook, runs its first cell, then times its second: samples the page until that cell is done
    and `settle` s more."""
    await page.call("Page.navigate", url=f"http://127.0.0.1:{port}/notebooks/{name}?token={TOKEN}")
    start = time.time()
    while not await page.js("!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                            " && Jupyter.notebook.kernel.is_connected())"):
        await asyncio.sleep(0.3)
        if time.time() - start > 180:
            raise SystemExit(f"{name}: the kernel did not connect")
    await page.js("Jupyter.notebook.execute_cells([0])")
    while not await page.js(DONE):
        await asyncio.sleep(0.3)
        if time.time() - start > 180:
            raise SystemExit(f"{name}: the first cell did not run")
    await page.js("Jupyter.notebook.execute_cells([1])")
    start = time.time()
    worst, done_at, state = 0.0, None, None
    while time.time() - start < timeout:
        asked = time.time()
        state = await page.js(STATE)
        worst = max(worst, time.time() - asked)
        if state and state["done"] and done_at is None:
            done_at = time.time() - start
        if done_at is not None and time.time() - start > done_at + settle:
            break
        await asyncio.sleep(0.2)
    await page.js("Jupyter.notebook.kernel.kill(); Jupyter.notebook.set_dirty(false)")
    return done_at, worst, state


async def measure(port, cdp, mb):
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{cdp}/json"))
            target = [t for t in targets if t["type"] == "page"][0]
            break
        except (OSError, IndexError):
            await asyncio.sleep(0.2)
    page = Page(await websocket.websocket_connect(target["webSocketDebuggerUrl"], max_message_size=1 << 30))
    rows = []
    for kernel in ("seqlab", "bare-ijava"):
        done, worst, state = await run_notebook(page, port, f"lines-{kernel}.ipynb")
        rows.append((kernel, "5000 lines", done, worst, state))
    done, worst, state = await run_notebook(page, port, "big-seqlab.ipynb", settle=5.0)
    rows.append(("seqlab", f"{mb:g} MB", done, worst, state))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=12)
    args = parser.parse_args()
    prefix = tempfile.mkdtemp(prefix="seqlab-bench-output-")
    install_kernels(prefix)
    folder = os.path.join(prefix, "notebooks")
    os.makedirs(folder)
    notebook(folder, "lines-seqlab.ipynb", "seqlab", LINES)
    notebook(folder, "lines-bare-ijava.ipynb", "bare-ijava", LINES)
    notebook(folder, "big-seqlab.ipynb", "seqlab", big_cell(args.mb))
    env = dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter"),
               JUPYTER_DATA_DIR=os.path.join(prefix, "data"), JUPYTER_RUNTIME_DIR=os.path.join(prefix, "runtime"))
    port, cdp = free_port(), free_port()
    server = subprocess.Popen(["/usr/bin/jupyter", "notebook", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                               f"--notebook-dir={folder}", f"--NotebookApp.token={TOKEN}", "--allow-root"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chrome = subprocess.Popen(["/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                               f"--user-data-dir={os.path.join(prefix, 'chromium')}", f"--remote-debugging-port={cdp}",
                               "--window-size=1280,900", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load_before = os.getloadavg()[0]
    try:
        wait_for_server(port, server)
        rows = asyncio.run(measure(port, cdp, args.mb))
    finally:
        chrome.kill()
        server.terminate()
    print(f"Notebook 6 in headless Chromium; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| kernel | cell | done after | lines shown | characters shown | output areas | note 'output cut' "
          "| longest main-thread answer |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    for kernel, cell, done, worst, state in rows:
        state = state or {}
        print(f"| {kernel} | {cell} | {done or float('nan'):.1f} s | {state.get('lines', 0)} | {state.get('chars', 0)} "
              f"| {state.get('blocks', 0)} | {'yes' if state.get('cut') else 'no'} | {worst:.2f} s |")


if __name__ == "__main__":
    main()
