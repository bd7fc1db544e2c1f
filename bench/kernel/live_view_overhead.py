"""What the live training view costs in a real notebook: the same training run through the course kernel with
and without LiveView (chart + progress line redrawn in place through display ids), taking turns; and, on the
kernel's very first training run (a cold kernel), how long after the first optimiser step the first chart
arrives and how many frames follow.

Run with Debian's Python after building and installing the kernel:
    /usr/bin/python3 bench/kernel/live_view_overhead.py [--runs 5] [--steps 300]
JUPYTER_PATH must find the seqlab kernelspec if it was installed with --prefix.
Prints the cold run's first-frame delay, the median wall time per run of each variant and their ratio.
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
settings.callbacks(new Callback() {
    public void onStep(History h, History.Step s) {
        if (h.steps().size() == 1) System.out.println("first step at " + System.currentTimeMillis());
    }
});
LiveView view = LiveView.create();
if (%s) settings.callbacks(view);
long t0 = System.nanoTime();
settings.build().fit(Batcher.of(train, 32).shuffled(1)::epoch, List.of());
System.out.println("seconds " + (System.nanoTime() - t0) / 1e9);
System.out.println("drawing " + view.drawSeconds() + " s in " + view.draws() + " frames");
"""


def run(kc, code):
    """Runs a cell; returns its printed text, the number of chart frames and when each arrived (epoch seconds)."""
    msg_id = kc.execute(code)
    text, frames = "", []
    while True:
        msg = kc.get_iopub_msg(timeout=600)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            text += msg["content"]["text"]
        elif kind in ("display_data", "update_display_data") and "image/png" in msg["content"]["data"]:
            frames.append(time.time())
        elif kind == "error":
            raise SystemExit(f"cell failed: {msg['content']['evalue']}")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            return text, len(frames), frames


def first_frame(text, frames):
    """Seconds from the first optimiser step (printed by the kernel) to the first chart's arrival."""
    first_step = int(re.search(r"first step at (\d+)", text).group(1)) / 1000
    return frames[0] - first_step if frames else float("nan")


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
        text, n, frames = run(kc, RUN % "true")      # the kernel's first chart: the cold case
        cold_seconds = float(re.search(r"seconds (\S+)", text).group(1))
        print(f"cold kernel, first training run: first chart {first_frame(text, frames):.2f} s after the first step;"
              f" {n} frames in {cold_seconds:.2f} s ({n / cold_seconds:.1f} per second)")
        run(kc, RUN % "false")                       # warm the JIT on the training loop
        seconds = {"without LiveView": [], "with LiveView": []}
        updates, delays, frame_ms = [], [], []
        for _ in range(args.runs):
            for name, live in (("without LiveView", "false"), ("with LiveView", "true")):
                text, n, frames = run(kc, RUN % live)
                seconds[name].append(float(re.search(r"seconds (\S+)", text).group(1)))
                if live == "true":
                    updates.append(n)
                    delays.append(first_frame(text, frames))
                    drawn = re.search(r"drawing (\S+) s in (\d+) frames", text)
                    frame_ms.append(1000 * float(drawn.group(1)) / max(1, int(drawn.group(2))))
        plain = statistics.median(seconds["without LiveView"])
        live = statistics.median(seconds["with LiveView"])
        print(f"{args.steps} LSTM steps (H=128, B=32, T=32), median of {args.runs} runs each, taking turns")
        print(f"| variant | seconds per run | chart frames | frames per second | first chart after the first step |"
              f" CPU per frame (drawing thread) |")
        print(f"|---|---:|---:|---:|---:|---:|")
        print(f"| without LiveView | {plain:.2f} | 0 | | | |")
        print(f"| with LiveView | {live:.2f} | {statistics.median(updates):.0f} |"
              f" {statistics.median(updates) / live:.1f} | {statistics.median(delays):.2f} s |"
              f" {statistics.median(frame_ms):.0f} ms |")
        print(f"overhead: {100 * (live / plain - 1):+.1f}%  (machine load average "
              f"{open('/proc/loadavg').read().split()[0]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
