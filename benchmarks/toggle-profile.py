#!/usr/bin/env python3
"""Where a recording's cost goes within one JVM: RecordingToggle under `perf record`, its samples split by
round (recording on or off) and by thread, and the worker threads' by symbol.

    benchmarks/toggle-profile.py                     # JDK 25, virtualThreadRequests, the agent, 20 groups
    JDK=/usr/lib/jvm/java-17-openjdk-amd64 WORKLOAD=jettyRequests NGROUPS=40 benchmarks/toggle-profile.py
    benchmarks/toggle-profile.py --report DIR        # the tables again, from a run's files

Environment: JDK, WORKLOAD, NGROUPS (groups of four rounds, off on on off), CONFIG (agent: the agent's JVM
toggles taskflight.jfc while JFR's default recording runs throughout, as benchmarks/toggle.sh does; plain:
the same JVM without the agent), OUT (benchmarks/target/toggle-profile), FREQ (samples a second, 999).

perf stamps each sample with CLOCK_MONOTONIC (-k), which is what System.nanoTime reads on Linux, and
RecordingToggle prints each round's bounds by System.nanoTime: a sample belongs to the round whose bounds
hold it; samples in the settling time between rounds are not counted. The JVM writes its compiled
methods' names for perf at exit (-XX:+DumpPerfMapAtExit). A method inlined into another is counted under
the one it was inlined into. Each group of four rounds gives the change in CPU per task (ns, samples
times the sampling period over the round's tasks) with the recording on, for each group of threads: the
tables give the mean over the groups and its standard error, once over every round and once over each
group's first two (the first off, the first on after a second of recording), which leaves out what
starting and stopping a recording costs (JFR's settings, the JIT compiling JFR's code). Uses benchmarks/target/benchmarks.jar and
agent/target/taskflight-agent.jar, and Linux's perf.
"""
import bisect
import collections
import math
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(out):
    jdk = os.environ.get("JDK", "/usr/lib/jvm/temurin-25-jdk-amd64")
    workload = os.environ.get("WORKLOAD", "virtualThreadRequests")
    groups = os.environ.get("NGROUPS", "20")
    config = os.environ.get("CONFIG", "agent")
    freq = os.environ.get("FREQ", "999")
    if config not in ("agent", "plain"):
        sys.exit("toggle-profile: CONFIG is agent or plain, not %s" % config)
    out.mkdir(parents=True, exist_ok=True)
    agent = ["-javaagent:%s" % (ROOT / "agent/target/taskflight-agent.jar")] if config == "agent" else []
    java = [jdk + "/bin/java"] + agent + [
        "-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit", "-XX:CompileCommand=quiet",
        "-Dbench.always=default,taskflight-off.jfc", "-Dbench.groups=" + groups,
        "-cp", str(ROOT / "benchmarks/target/benchmarks.jar"),
        "dev.taskflight.benchmarks.overhead.RecordingToggle", "taskflight.jfc", workload]
    perf = ["perf", "record", "-q", "-e", "cpu-clock", "-F", freq, "-k", "CLOCK_MONOTONIC",
            "-o", str(out / "perf.data"), "--"]
    with open(out / "toggle.txt", "w") as stdout, open(out / "toggle.err", "w") as stderr:
        code = subprocess.call(perf + java, cwd=ROOT, stdout=stdout, stderr=stderr)
    if code != 0:
        sys.exit("toggle-profile: the JVM under perf failed (exit %d): see %s" % (code, out / "toggle.err"))
    (out / "freq").write_text(freq + "\n")
    with open(out / "samples.txt", "w") as samples:
        subprocess.check_call(["perf", "script", "-i", str(out / "perf.data"), "-F", "comm,tid,time,ip,sym,dso",
                               "--ns"], stdout=samples, stderr=subprocess.DEVNULL)


def rounds(out, steady):
    """[(start, end, on, tasks, group)] from toggle.txt, by start; with steady, each group's first two rounds
    only (off, then on for over a second): none just after a recording started or stopped."""
    result = []
    for line in (out / "toggle.txt").read_text().splitlines():
        f = line.split()
        if f[0] == "toggle-round":
            if len(f) < 9:
                sys.exit("toggle-profile: %s has no round bounds: built before RecordingToggle printed them"
                         % (out / "toggle.txt"))
            n = int(f[2])
            if steady and (n - 1) % 4 not in (0, 2):
                continue
            result.append((int(f[6]), int(f[7]), f[3] == "on", int(f[8]), (n - 1) // 4))
    return sorted(result)


SAMPLE = re.compile(r"^\s*(.+?)\s+(\d+)\s+(\d+)\.(\d{9}):\s*(.*)$")


def thread_class(comm):
    """A thread's group: its name without the numbers that tell its kind's threads apart."""
    return re.sub(r"[-#_ ]?\d+$", "", comm.strip()) or comm


def is_taskflight(sym):
    """Whether a symbol is Taskflight's code (the agent's, the recorder's, its events'), not the benchmark's."""
    return "dev.taskflight." in sym and "dev.taskflight.benchmarks." not in sym


def symbol(rest):
    """A sample's symbol from perf's "ip symbol (dso)": compiled code by its method, the rest by its library."""
    m = re.match(r"\s*[0-9a-f]+\s+(.*?)\s*\(([^()]*)\)\s*$", rest)
    if not m:
        return rest.strip() or "[unknown]"
    sym, dso = m.group(1), m.group(2)
    if dso.startswith("/tmp/perf-"):
        return sym
    return "%s [%s]" % (sym if sym != "[unknown]" else "?", os.path.basename(dso))


def report(out, steady=False):
    period = 1e9 / float((out / "freq").read_text())
    rs = rounds(out, steady)
    starts = [r[0] for r in rs]
    ngroups = max(r[4] for r in rs) + 1
    # per (group, on) the tasks, and per (group, on, class) and (group, on, symbol on a worker) the samples
    tasks = collections.Counter()
    for _, _, on, n, g in rs:
        tasks[g, on] += n
    by_class = collections.Counter()
    by_symbol = collections.Counter()
    worker_classes = set()
    counted = other = 0
    with open(out / "samples.txt") as samples:
        for line in samples:
            m = SAMPLE.match(line)
            if not m:
                continue
            t = int(m.group(3)) * 1_000_000_000 + int(m.group(4))
            i = bisect.bisect_right(starts, t) - 1
            if i < 0 or t > rs[i][1]:
                other += 1
                continue
            counted += 1
            _, _, on, _, g = rs[i]
            cls = thread_class(m.group(1))
            by_class[g, on, cls] += 1
            sym = symbol(m.group(5))
            by_symbol[g, on, cls, sym] += 1
    classes = sorted({k[2] for k in by_class})
    total_off = sum(by_class[g, False, c] for g in range(ngroups) for c in classes) * period / \
        sum(tasks[g, False] for g in range(ngroups))

    def change(count, key):
        """Mean over the groups of (ns per task on) - (ns per task off), and its standard error."""
        d = [(count(g, True, key) * period / tasks[g, True]) - (count(g, False, key) * period / tasks[g, False])
             for g in range(ngroups) if tasks[g, True] and tasks[g, False]]
        mean = sum(d) / len(d)
        sd = math.sqrt(sum((x - mean) ** 2 for x in d) / max(1, len(d) - 1))
        return mean, sd / math.sqrt(len(d))

    def per_task(count, key, on):
        return sum(count(g, on, key) for g in range(ngroups)) * period / sum(tasks[g, on] for g in range(ngroups))

    info = next((l for l in (out / "toggle.txt").read_text().splitlines() if l.startswith("info ")), "")
    print("%s\n%s: %d groups, %d samples in rounds (%d outside them), %.0f ns CPU per task with the recording off"
          % (info, "rounds 1 and 3 of each group (no start or stop just before)" if steady else "every round",
             ngroups, counted, other, total_off))
    print("\n%-28s %12s %12s %22s %9s" % ("threads", "off ns/task", "on ns/task", "change ns/task", "% of all"))
    count_class = lambda g, on, c: by_class[g, on, c]
    rows = sorted(classes, key=lambda c: -per_task(count_class, c, False) - per_task(count_class, c, True))
    for c in rows:
        off, on = per_task(count_class, c, False), per_task(count_class, c, True)
        if off + on < 0.5:
            continue
        mean, se = change(count_class, c)
        print("%-28s %12.1f %12.1f %12.1f ± %7.1f %8.2f%%" % (c[:28], off, on, mean, se, 100 * mean / total_off))
    every = lambda g, on, _: sum(by_class[g, on, c] for c in classes)
    mean, se = change(every, None)
    print("%-28s %12.1f %12.1f %12.1f ± %7.1f %8.2f%%" % ("every thread", per_task(every, None, False),
                                                           per_task(every, None, True), mean, se,
                                                           100 * mean / total_off))
    if steady:
        return
    workers = max(classes, key=lambda c: per_task(count_class, c, False))
    symbols = sorted({k[3] for k in by_symbol if k[2] == workers})
    count_symbol = lambda g, on, s: by_symbol[g, on, workers, s]
    changes = [(s,) + change(count_symbol, s) for s in symbols]
    print("\nsymbols on %s, by the size of their change (the 15 largest), and Taskflight's" % workers)
    print("%-70s %12s %22s" % ("symbol", "off ns/task", "change ns/task"))
    shown = sorted(changes, key=lambda x: -abs(x[1]))[:15]
    shown += [x for x in changes if is_taskflight(x[0]) and x not in shown]
    for s, mean, se in shown:
        print("%-70s %12.1f %12.1f ± %7.1f" % (s[:70], per_task(count_symbol, s, False), mean, se))
    tf = lambda g, on, _: sum(by_symbol[g, on, workers, s] for s in symbols if is_taskflight(s))
    mean, se = change(tf, None)
    print("%-70s %12.1f %12.1f ± %7.1f" % ("(Taskflight's symbols together)", per_task(tf, None, False), mean, se))


def main(argv):
    if argv[:1] == ["--report"] and len(argv) == 2:
        report(Path(argv[1]))
        print()
        report(Path(argv[1]), steady=True)
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(os.environ.get("OUT", ROOT / "benchmarks/target/toggle-profile"))
    run(out)
    report(out)
    print()
    report(out, steady=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
