"""What the live training view costs in a real notebook: the same training run through the course kernel with
and without LiveView (chart + progress line redrawn in place through display ids), taking turns.

Run with Debian's Python after building and installing the kernel:
    /usr/bin/python3 bench/kernel/live_view_overhead.py [--runs 5] [--steps 300]
JUPYTER_PATH must find the seqlab kernelspec if it was installed with --prefix.
Prints the median wall time per run of each variant and their ratio.
"""
import argparse
import re
import statistics
import time

from jupyter_client.manager import KernelManager

SETUP = """
String text = Datasets.text("devils-dictionary");
Vocabulary chars = Vocabulary.ofCharacters(text);
List<Sequence> train = TextSequences.nextCharacter(text, chars, 32).subList(0, 32 * %d);
"""

RUN = """
CharLanguageModel lm = CharLanguageModel.builder(chars.size()).cell(CellType.LSTM).hiddenSize(128).seed(1).build();
var settings = Trainer.builder().model(lm).learningRate(2e-3).clipNorm(1.0).epochs(1).seed(1);
if (%s) settings.callbacks(LiveView.create());
long t0 = System.nanoTime();
settings.build().fit(Batcher.of(train, 32).shuffled(1)::epoch, List.of());
System.out.println("seconds " + (System.nanoTime() - t0) / 1e9);
"""


def run(kc, code):
    msg_id = kc.execute(code)
    text, updates = "", 0
    while True:
        msg = kc.get_iopub_msg(timeout=600)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            text += msg["content"]["text"]
        elif kind == "update_display_data":
            updates += 1
        elif kind == "error":
            raise SystemExit(f"cell failed: {msg['content']['evalue']}")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            return text, updates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args()
    km = KernelManager(kernel_name="seqlab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    try:
        run(kc, SETUP % args.steps)
        run(kc, RUN % "false")                       # warm the JIT on the training loop
        run(kc, RUN % "true")                        # and on the chart's drawing and encoding
        seconds = {"without LiveView": [], "with LiveView": []}
        updates = []
        for _ in range(args.runs):
            for name, live in (("without LiveView", "false"), ("with LiveView", "true")):
                text, n = run(kc, RUN % live)
                seconds[name].append(float(re.search(r"seconds (\S+)", text).group(1)))
                if live == "true":
                    updates.append(n)
        plain = statistics.median(seconds["without LiveView"])
        live = statistics.median(seconds["with LiveView"])
        print(f"{args.steps} LSTM steps (H=128, B=32, T=32), median of {args.runs} runs each, taking turns")
        print(f"| variant | seconds per run | in-place updates |")
        print(f"|---|---:|---:|")
        print(f"| without LiveView | {plain:.2f} | 0 |")
        print(f"| with LiveView | {live:.2f} | {statistics.median(updates):.0f} |")
        print(f"overhead: {100 * (live / plain - 1):+.1f}%  (machine load average "
              f"{open('/proc/loadavg').read().split()[0]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
