"""The live-coding demos of issue 17, measured: each notebook here runs cell by cell in a fresh (cold) course
kernel, as an instructor would type it, and this prints, per demo, its lines of code beside the Keras count
(issue 17) and the PyTorch script's (pytorch/), the slowest cell, and how long after the training cell starts
its first live chart arrives. It then asks the kernel to complete every method the demo calls, and to inspect
it (Shift-TAB), to check that each is reachable by completion and documented by inspect.

Run with Debian's Python after installing the kernel (JUPYTER_DATA_DIR or JUPYTER_PATH must find "seqlab"):
    /usr/bin/python3 bench/live-coding/run.py [--save]
--save also writes each notebook back with the outputs of this run (what is committed).
"""
import argparse
import pathlib
import re
import time

import nbformat
from jupyter_client.manager import KernelManager

HERE = pathlib.Path(__file__).resolve().parent
KERAS = {"1-word-languages": "≈20", "2-noisy-sine": "≈18", "3-inside-an-lstm": "60+"}
PYTORCH = {"1-word-languages": "word_languages.py", "2-noisy-sine": "noisy_sine.py",
           "3-inside-an-lstm": "inside_lstm.py"}
CALL = re.compile(r"\.([a-z][A-Za-z0-9]*)\(")


def code_lines(source, comment):
    """Lines that hold code: not blank, not only a comment."""
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith(comment))


def run_cell(kc, source):
    """Runs one cell; returns (seconds, outputs as nbformat, arrival times of its images)."""
    start = time.time()
    msg_id = kc.execute(source)
    outputs, images, ids = [], [], {}
    while True:
        msg = kc.get_iopub_msg(timeout=900)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            outputs.append(nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result", "update_display_data"):
            if "image/png" in content["data"]:
                images.append(time.time())
            display_id = content.get("transient", {}).get("display_id")
            if kind == "update_display_data":
                if display_id in ids:
                    outputs[ids[display_id]]["data"] = content["data"]
                continue
            out = nbformat.v4.new_output(kind if kind != "execute_result" else "execute_result",
                                         data=content["data"], metadata=content.get("metadata", {}))
            if kind == "execute_result":
                out["execution_count"] = content.get("execution_count")
            if display_id:
                ids[display_id] = len(outputs)
            outputs.append(out)
        elif kind == "error":
            outputs.append(nbformat.v4.new_output("error", ename=content["ename"], evalue=content["evalue"],
                                                  traceback=content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            return time.time() - start, outputs, [t - start for t in images], start


def completes(kc, source, at):
    """Whether completing the first two letters of the method named at `at` offers that method."""
    name = CALL.match(source, at - 1).group(1)
    code = source[:at + 2]
    reply = kc.complete(code, len(code), reply=True, timeout=60)["content"]
    return name, any(m.split("(")[0] == name for m in reply.get("matches", []))


def inspects(kc, source, at):
    """Whether inspecting with the cursor inside the method named at `at` (Shift-TAB) finds documentation."""
    content = kc.inspect(source, at + 2, reply=True, timeout=60)["content"]
    return content.get("status") == "ok" and content.get("found", False)


def demo(path, save):
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="seqlab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=180)
    report = {"name": path.stem, "cells": [], "first_chart": None, "missing": [], "undocumented": []}
    try:
        count = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            seconds, outputs, images, _ = run_cell(kc, cell.source)
            if any(o.get("output_type") == "error" for o in outputs):
                raise SystemExit(f"{path.name}: a cell failed:\n{cell.source}\n{outputs}")
            count += 1
            cell.outputs, cell.execution_count = outputs, count
            report["cells"].append(seconds)
            if "LiveView" in cell.source and images and report["first_chart"] is None:
                report["first_chart"] = images[0]
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for m in CALL.finditer(cell.source):
                name, ok = completes(kc, cell.source, m.start() + 1)
                if not ok:
                    report["missing"].append(name)
                if not inspects(kc, cell.source, m.start() + 1):
                    report["undocumented"].append(name)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    report["lines"] = sum(code_lines(c.source, "//") for c in nb.cells if c.cell_type == "code")
    torch = (HERE / "pytorch" / PYTORCH[path.stem]).read_text()
    report["pytorch"] = code_lines(torch, "#") - torch.count('"""') // 2
    if save:
        nbformat.write(nb, path)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    reports = [demo(p, args.save) for p in sorted(HERE.glob("[0-9]-*.ipynb"))]
    print("| demo | Java (Seqlab) lines | Keras lines | PyTorch lines | slowest cell | first live chart after the"
          " training cell starts (cold kernel) | methods not offered by completion | methods inspect finds"
          " nothing for |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for r in reports:
        first = f"{r['first_chart']:.2f} s" if r["first_chart"] is not None else "—"
        print(f"| {r['name']} | {r['lines']} | {KERAS[r['name']]} | {r['pytorch']} | {max(r['cells']):.1f} s |"
              f" {first} | {', '.join(sorted(set(r['missing']))) or 'none'} |"
              f" {', '.join(sorted(set(r['undocumented']))) or 'none'} |")
    print(f"(machine load average {open('/proc/loadavg').read().split()[0]},"
          f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")


if __name__ == "__main__":
    main()
