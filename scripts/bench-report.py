#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds and runs the benchmarks, and reports cipherexplain against OpenSSL.

Every ratio comes from one run of cipherexplain-bench: openssl/<case> and
cipherexplain/<case> are measured by the same process, each as the median of
--repetitions repetitions. The CLI figures (cold start, peak RSS, the corpus in
batch mode) are medians of --runs processes.

    scripts/bench-report.py                       # print the report
    scripts/bench-report.py --update bench/README.md   # and rewrite its tables

The configuration pairs (openssl_config/<case> and cipherexplain_config/<case>: a whole
configuration, cipher string + ciphersuites + security level + protocol range, down to
SSL_get1_supported_ciphers) come from the same run and get a table of their own
(--only config runs just them).

The scaling of every CLI path (paths/<path>/<input>/<bytes>, 1 KiB to 16 MiB, each the real
CLI process, with its peak RSS) is a second run with one repetition: at 16 MiB a single run
takes seconds, and the budgets are about seconds and gigabytes.

Progress goes to stderr, the Markdown report to stdout.
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
SCALING_BEGIN, SCALING_END = "<!-- scaling:begin -->", "<!-- scaling:end -->"
CONFIG_BEGIN, CONFIG_END = "<!-- config:begin -->", "<!-- config:end -->"
HANDSHAKE_BEGIN, HANDSHAKE_END = "<!-- handshake:begin -->", "<!-- handshake:end -->"
TARGET_HANDSHAKE_RATIO = 1000  # a simulated handshake against a real one of the linked libssl
TARGET_MATRIX_MS, TARGET_MATRIX_ALL_MS = 50, 500  # 100 x 100 on one release, on all twelve

# The targets (docs in bench/README.md).
TARGET_RATIO = 50
TARGET_CONFIG_RATIO = 50  # the configuration pairs' median
TARGET_PARSE_MB_S = 200
TARGET_SCALING = 1.2
TARGET_COLD_MS = 2.0
TARGET_BATCH_MS = 50
# Issue 12: at 16 MiB every path within 10 s and 1 GB peak RSS, and time linear in the input.
BUDGET_S = 10.0
BUDGET_RSS_MB = 1024.0
TARGET_LINEAR = 1.5  # time(16 MiB) / (16 × time(1 MiB)) at most this
PATHS = ["text", "json", "trace", "why", "openssl-all", "diff", "batch"]
INPUTS = {"undo": "`-HIGH:HIGH:`…", "strength": "`ALL:@STRENGTH:+AES:+SHA:`…",
          "high": "`HIGH:!aNULL:`…", "unknown": "random unknown words"}


def log(message):
    print(message, file=sys.stderr, flush=True)


def build(build_dir):
    log(f"== configuring and building {build_dir} (Release)")
    subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                    "-DCIPHEREXPLAIN_BUILD_BENCH=ON", "-DCIPHEREXPLAIN_BUILD_TESTS=OFF"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 1), "--target",
                    "cipherexplain-bench", "cipherexplain-cli"], check=True, stdout=subprocess.DEVNULL)


def run_paths(build_dir, max_bytes):
    log(f"== cipherexplain-bench: every CLI path up to {max_bytes} bytes (several minutes)")
    env = dict(os.environ, CIPHEREXPLAIN_BENCH_SCALE_MAX=str(max_bytes))
    proc = subprocess.run([str(build_dir / "bench" / "cipherexplain-bench"), "--benchmark_format=json",
                           "--benchmark_filter=paths/", "--benchmark_min_time=0.05"],
                          check=True, capture_output=True, text=True, env=env)
    # Kept next to the build: a long run is not lost to a reporting slip.
    (build_dir / "paths.json").write_text(proc.stdout)
    return json.loads(proc.stdout)


def fmt_s(ns):
    return fmt_ns(ns) if ns < 1e9 else f"{ns / 1e9:.2f} s"


def scaling_report(data):
    # Google Benchmark appends "/iterations:1" and "/manual_time" to such benchmarks' names.
    m = {re.sub(r"/(iterations:\d+|manual_time)", "", n): b for n, b in medians(data).items()}
    sizes = sorted({int(n.rsplit("/", 1)[1]) for n in m if n.startswith("paths/")})
    top, mid = sizes[-1], [s for s in sizes if s <= 1 << 20][-1]
    lines = []
    add = lines.append
    add(f"Measured {datetime.date.today().isoformat()} on {machine()}: each cell one run of the "
        "CLI as a process (output into a pipe), wall time and the process's peak RSS.")
    add("")
    size_name = lambda b: f"{b >> 20} MiB" if b >= 1 << 20 else f"{b >> 10} KiB"
    add(f"| Path | Input | {' | '.join(size_name(b) for b in sizes)} | Peak RSS at {size_name(top)} "
        f"| {size_name(top)} / ({top // mid} × {size_name(mid)}) |")
    add("|---|---|" + "---:|" * (len(sizes) + 2))
    worst_time, worst_rss, worst_linear = (0, ""), (0, ""), (0, "")
    for path in PATHS + ["openssl"]:
        for shape, label in INPUTS.items():
            cells = [m.get(f"paths/{path}/{shape}/{b}") for b in sizes]
            if any(c is None for c in cells):
                continue
            times = [c["ns"] for c in cells]
            linear = times[-1] / ((top // mid) * times[sizes.index(mid)])
            rss = cells[-1].get("peak_rss_MB")
            where = f"{path} on {shape}"
            if path != "openssl":
                worst_time = max(worst_time, (times[-1], where))
                worst_rss = max(worst_rss, (rss, where))
                worst_linear = max(worst_linear, (linear, where))
            name = f"`{path}`" if path != "openssl" else "OpenSSL (in process)"
            add(f"| {name} | {label} | {' | '.join(fmt_s(t) for t in times)} | "
                f"{f'{rss:.0f} MB' if rss is not None else '-'} | {linear:.2f} |")
    add("")
    add("| Budget at 16 MiB (issue 12) | Worst | |")
    add("|---|---|---|")
    at_top = (lambda ok: verdict(ok)) if top == 1 << 24 else (lambda ok: f"not measured (top size {size_name(top)})")
    add(f"| every path ≤ {BUDGET_S:.0f} s | {fmt_s(worst_time[0])} ({worst_time[1]}) "
        f"| {at_top(worst_time[0] <= BUDGET_S * 1e9)} |")
    add(f"| every path ≤ {BUDGET_RSS_MB / 1024:.0f} GB peak RSS | {worst_rss[0]:.0f} MB ({worst_rss[1]}) "
        f"| {at_top(worst_rss[0] <= BUDGET_RSS_MB)} |")
    add(f"| linear: {size_name(top)} within {TARGET_LINEAR}× of {top // mid} × {size_name(mid)} "
        f"| {worst_linear[0]:.2f}× ({worst_linear[1]}) | {verdict(worst_linear[0] <= TARGET_LINEAR)} |")
    add("")
    add("Reproduce: `scripts/bench-report.py` (or `--update bench/README.md`).")
    return "\n".join(lines) + "\n"


def run_benchmarks(build_dir, repetitions, min_time, benchmark_filter="-paths/"):
    log(f"== cipherexplain-bench: {repetitions} repetitions of each benchmark (a few minutes)")
    proc = subprocess.run([str(build_dir / "bench" / "cipherexplain-bench"), "--benchmark_format=json",
                           f"--benchmark_filter={benchmark_filter}",
                           f"--benchmark_repetitions={repetitions}",
                           "--benchmark_report_aggregates_only=true",
                           # Repetitions of different benchmarks interleaved: a burst of load on
                           # a shared machine then hits both sides of a pair alike.
                           "--benchmark_enable_random_interleaving=true",
                           f"--benchmark_min_time={min_time}"],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout)


def medians(report):
    """name -> the median aggregate of that benchmark (times in ns)."""
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
    out = {}
    # With one repetition there are no aggregates: the single run is the median.
    wanted = "median" if any(b.get("aggregate_name") == "median" for b in report["benchmarks"]) else None
    for b in report["benchmarks"]:
        if b.get("aggregate_name") != wanted:
            continue
        b = dict(b)
        b["ns"] = b["real_time"] * scale[b.get("time_unit", "ns")]
        out[b["run_name"]] = b
    return out


# A fork+exec from this Python process would report Python's own footprint as the child's peak
# RSS (Linux keeps the pre-exec high-water mark), so a tiny C launcher measures it instead.
RSS_PROBE = r"""
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char** argv) {
  pid_t pid = fork();
  if (pid == 0) { execvp(argv[1], argv + 1); _exit(127); }
  int status; struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) return 2;
  printf("%ld\n", usage.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
"""


def rss_probe(build_dir):
    source, binary = build_dir / "rss-probe.c", build_dir / "rss-probe"
    source.write_text(RSS_PROBE)
    subprocess.run(["cc", "-O2", "-o", str(binary), str(source)], check=True)
    return str(binary)


def peak_rss_kib(probe, command, stdin_path=None):
    with (open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb")) as stdin:
        proc = subprocess.run([probe] + command, stdin=stdin, capture_output=True, text=True)
    return int(proc.stdout.strip().splitlines()[-1])


def wall_ms(command, runs, stdin_path=None):
    """Median wall time of `runs` processes."""
    times = []
    for _ in range(runs):
        with (open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb")) as stdin:
            start = time.perf_counter()
            code = subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL).returncode
            times.append((time.perf_counter() - start) * 1e3)
        if code not in (0, 1):
            raise SystemExit(f"{command} failed")
    return statistics.median(times)


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def verdict(ok):
    return "met" if ok else "**not met**"


def report(build_dir, data, runs):
    m = medians(data)
    ctx = data["context"]
    # In registration order (interleaved repetitions come out shuffled).
    pairs = sorted((b["family_index"], name) for name, b in m.items() if name.startswith("cipherexplain/"))
    cases = [name.split("/", 1)[1] for _, name in pairs]
    lines = []
    add = lines.append

    add(f"Measured {datetime.date.today().isoformat()} on {machine()}; "
        f"{ctx.get('compiler', '?')}, Release (-O3); linked {ctx.get('openssl', '?')}. "
        f"Medians of {data['benchmarks'][0].get('repetitions', '?')} repetitions; "
        "each ratio from the same run.")
    add("")
    add("| Case | OpenSSL | cipherexplain | Ratio | Parse | Evaluate | Tree | Evaluation |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|")
    ratios = []
    for case in cases:
        o, c = m[f"openssl/{case}"], m[f"cipherexplain/{case}"]
        p, e = m[f"parse/{case}"], m[f"evaluate/{case}"]
        ratio = o["ns"] / c["ns"]
        ratios.append(ratio)
        add(f"| `{case}` | {fmt_ns(o['ns'])} | {fmt_ns(c['ns'])} | {ratio:.0f}× | {fmt_ns(p['ns'])} "
            f"| {fmt_ns(e['ns'])} | {p['tree_bytes']:.0f} B | {e['evaluation_bytes']:.0f} B |")
    median_ratio = statistics.median(ratios)
    add("")
    add("Ratio = OpenSSL time / cipherexplain time (parse + evaluate, same ordered list); Parse and "
        "Evaluate are the two halves alone; Tree and Evaluation are the bytes each takes "
        "(`tree::memory_bytes()`, `evaluation::memory_bytes()`, result-only evaluation).")
    add("")

    parse_rates = {case: m[f"parse/{case}"]["bytes_per_second"] / 1e6 for case in cases}
    # The longest input (bytes = rate × time).
    longest = max(cases, key=lambda c: m[f"parse/{c}"]["bytes_per_second"] * m[f"parse/{c}"]["ns"])
    scaling = {int(re.search(r"/(\d+)", n).group(1)): b for n, b in m.items() if n.startswith("scaling/")}
    kb, mb = scaling[1 << 10]["ns"], scaling[1 << 20]["ns"]
    scale_ratio = mb / (1024 * kb)
    corpus = m["corpus/all-releases"]

    log(f"== CLI: {runs} cold runs each")
    cli = str(build_dir / "cipherexplain")
    corpus_txt = ROOT / "corpus" / "corpus.txt"
    floor_ms = wall_ms(["/bin/true"], runs)
    cold_ms = wall_ms([cli, "DEFAULT:!3DES"], runs)
    batch_ms = wall_ms([cli, "batch", "--openssl", "all"], max(3, runs // 4), stdin_path=corpus_txt)
    openssl_ms = None
    try:
        openssl_ms = wall_ms(["openssl", "ciphers", "DEFAULT:!3DES"], runs)
    except (OSError, SystemExit):
        pass
    probe = rss_probe(build_dir)
    floor_rss = peak_rss_kib(probe, ["/bin/true"])
    cold_rss = peak_rss_kib(probe, [cli, "DEFAULT:!3DES"])
    batch_rss = peak_rss_kib(probe, [cli, "batch", "--openssl", "all"], stdin_path=corpus_txt)

    add("| Target | Measured | |")
    add("|---|---|---|")
    add(f"| Median ratio over the cases ≥ {TARGET_RATIO}× | {median_ratio:.0f}× "
        f"(lowest {min(ratios):.0f}×, highest {max(ratios):.0f}×) | {verdict(median_ratio >= TARGET_RATIO)} |")
    add(f"| Parse ≥ {TARGET_PARSE_MB_S} MB/s on long strings | {parse_rates[longest]:.0f} MB/s on "
        f"`{longest}`; {m['scaling/1048576']['bytes_per_second'] / 1e6:.0f} MB/s parse + evaluate on 1 MB "
        f"| {verdict(parse_rates[longest] >= TARGET_PARSE_MB_S)} |")
    add(f"| Linear: 1 MB within {TARGET_SCALING}× of 1024 × 1 KB | 1 KB {fmt_ns(kb)}, 64 KB "
        f"{fmt_ns(scaling[1 << 16]['ns'])}, 1 MB {fmt_ns(mb)}: {scale_ratio:.2f}× "
        f"| {verdict(scale_ratio <= TARGET_SCALING)} |")
    add(f"| `cipherexplain 'DEFAULT:!3DES'` cold ≤ {TARGET_COLD_MS} ms | {cold_ms:.1f} ms; this machine's "
        f"floor, `/bin/true`, takes {floor_ms:.1f} ms"
        + (f", `openssl ciphers` {openssl_ms:.1f} ms" if openssl_ms else "")
        + f" | {verdict(cold_ms <= TARGET_COLD_MS)} |")
    add(f"| Corpus × all releases < {TARGET_BATCH_MS} ms in batch mode | `batch --openssl all`: "
        f"{batch_ms:.1f} ms for {corpus['items_per_second'] * corpus['ns'] / 1e9:.0f} strings, "
        f"process included; in process {fmt_ns(corpus['ns'])} "
        f"({corpus['items_per_second'] / 1e6:.2f} M strings/s) | {verdict(batch_ms < TARGET_BATCH_MS)} |")
    add(f"| Peak RSS of the CLI | {cold_rss / 1024:.1f} MiB for one string, "
        f"{batch_rss / 1024:.1f} MiB for the corpus on all releases (`/bin/true`: "
        f"{floor_rss / 1024:.1f} MiB) | |")
    add("")
    add(f"Reproduce: `scripts/bench-report.py` (or `--update bench/README.md`).")
    return "\n".join(lines) + "\n", median_ratio


def fmt_supported(b):
    """'60 / 30': the context list's length and SSL_get1_supported_ciphers()' (NULL when none)."""
    supported = b.get("supported", -1)
    return f"{b.get('ctx_list', 0):.0f} / {'NULL' if supported < 0 else f'{supported:.0f}'}"


def config_report(data):
    m = medians(data)
    pairs = sorted((b["family_index"], name) for name, b in m.items()
                   if name.startswith("cipherexplain_config/"))
    cases = [name.split("/", 1)[1] for _, name in pairs]
    lines = []
    add = lines.append
    ctx = data["context"]
    add(f"Measured {datetime.date.today().isoformat()} on {machine()}; "
        f"{ctx.get('compiler', '?')}, Release (-O3); linked {ctx.get('openssl', '?')}. "
        f"Medians of {data['benchmarks'][0].get('repetitions', '?')} repetitions; "
        "each ratio from the same run.")
    add("")
    add("| Configuration | OpenSSL | cipherexplain | Ratio | Set fields only: OpenSSL | cipherexplain "
        "| Ratio | Cipher list | Ciphersuites | Supported | Fresh tree | List / supported |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios, set_only_ratios = [], []
    for case in cases:
        o, c = m[f"openssl_config/{case}"], m[f"cipherexplain_config/{case}"]
        so, sc = m[f"openssl_config_set_only/{case}"], m[f"cipherexplain_config_set_only/{case}"]
        part = lambda p: (fmt_ns(m[f"config_parts/{case}/{p}"]["ns"])
                          if f"config_parts/{case}/{p}" in m else "-")
        ratio = o["ns"] / c["ns"]
        ratios.append(ratio)
        set_only_ratios.append(so["ns"] / sc["ns"])
        add(f"| `{case}` | {fmt_ns(o['ns'])} | {fmt_ns(c['ns'])} | {ratio:.0f}× | {fmt_ns(so['ns'])} "
            f"| {fmt_ns(sc['ns'])} | {set_only_ratios[-1]:.0f}× | {part('cipher-list')} "
            f"| {part('ciphersuites')} | {part('supported')} | {part('fresh-tree')} | {fmt_supported(sc)} |")
    median_ratio = statistics.median(ratios)
    add("")
    add("Ratio = OpenSSL time / cipherexplain time (`configuration_resolver::resolve_into`, result "
        "only, reusing the result and the parse tree; the same context list, supported list and "
        "setter returns, checked first), with every setter called: a field the case leaves unset "
        "is set to what a fresh context holds (the build's level, `DEFAULT`, the default TLS 1.3 "
        "suites, bounds 0). Set fields only: the same case with only its own fields set, which "
        "lets OpenSSL skip the other calls on its reused context (and cipherexplain copy the "
        "DEFAULT list it evaluated once). Cipher list, Ciphersuites and Supported are its parts "
        "alone (the cipher string's parse + evaluate, `set_ciphersuites()`, `supported()`); Fresh "
        "tree is `resolve_into` without the scratch tree. List / supported: the context list's "
        "length and `SSL_get1_supported_ciphers()`'s.")
    add("")
    add("| Target | Measured | |")
    add("|---|---|---|")
    add(f"| Configurations: median ratio ≥ {TARGET_CONFIG_RATIO}× | {median_ratio:.0f}× "
        f"(lowest {min(ratios):.0f}×, highest {max(ratios):.0f}×) "
        f"| {verdict(median_ratio >= TARGET_CONFIG_RATIO)} |")
    add(f"| (set fields only, for comparison) | {statistics.median(set_only_ratios):.0f}× "
        f"(lowest {min(set_only_ratios):.0f}×, highest {max(set_only_ratios):.0f}×) | |")
    add("")
    add("Reproduce: `scripts/bench-report.py --only config` (or `--update bench/README.md`).")
    return "\n".join(lines) + "\n", median_ratio


def handshake_report(data):
    m = medians(data)
    pairs = sorted((b["family_index"], name) for name, b in m.items()
                   if name.startswith("cipherexplain_handshake/"))
    cases = [name.split("/", 1)[1] for _, name in pairs]
    lines = []
    add = lines.append
    ctx = data["context"]
    add(f"Measured {datetime.date.today().isoformat()} on {machine()}; "
        f"{ctx.get('compiler', '?')}, Release (-O3); linked {ctx.get('openssl', '?')}. "
        f"Medians of {data['benchmarks'][0].get('repetitions', '?')} repetitions; "
        "each ratio from the same run.")
    add("")
    add("| Handshake | OpenSSL | cipherexplain | Ratio | With setup: OpenSSL | cipherexplain | Ratio |")
    add("|---|---:|---:|---:|---:|---:|---:|")
    ratios, setup_ratios, completing = [], [], []
    for case in cases:
        o, c = m[f"openssl_handshake/{case}"], m[f"cipherexplain_handshake/{case}"]
        so, sc = m[f"openssl_setup_handshake/{case}"], m[f"cipherexplain_setup_handshake/{case}"]
        ratio, setup_ratio = o["ns"] / c["ns"], so["ns"] / sc["ns"]
        ratios.append(ratio)
        setup_ratios.append(setup_ratio)
        if "no-shared" not in case:
            completing.append(ratio)
        add(f"| `{case}` | {fmt_ns(o['ns'])} | {fmt_ns(c['ns'])} | {ratio:.0f}× "
            f"| {fmt_ns(so['ns'])} | {fmt_ns(sc['ns'])} | {setup_ratio:.0f}× |")
    one, every = m["matrix/100x100/3.0"], m["matrix/100x100/all-12-releases"]
    add("")
    add("Handshake: the linked libssl's in-process handshake over a BIO pair on two `SSL_CTX` made "
        "once (`SSL_new` twice, the handshake rounds, `SSL_free`), against `negotiate()` on two "
        "`prepared_endpoint`s made once - the same outcome, field for field, checked first. With "
        "setup: both contexts made per handshake too (`SSL_CTX_new`, the setters, loading the "
        "certificate) against preparing both endpoints. `no-shared-cipher` fails before any "
        "public-key operation, so OpenSSL's side is cheap there.")
    add("")
    add("| Target | Measured | |")
    add("|---|---|---|")
    median = statistics.median(completing)
    add(f"| A simulated handshake ≥ {TARGET_HANDSHAKE_RATIO}× faster than a real one (median of "
        f"the completing cases) | {median:.0f}× (lowest {min(completing):.0f}×) "
        f"| {verdict(median >= TARGET_HANDSHAKE_RATIO)} |")
    add(f"| (a failing handshake, `no-shared-cipher`) | {min(ratios):.0f}× | |")
    add(f"| (with setup, median) | {statistics.median(setup_ratios):.0f}× | |")
    add(f"| 100 × 100 matrix on one release < {TARGET_MATRIX_MS} ms | {one['ns'] / 1e6:.1f} ms "
        f"| {verdict(one['ns'] / 1e6 < TARGET_MATRIX_MS)} |")
    add(f"| 100 × 100 matrix on all twelve releases < {TARGET_MATRIX_ALL_MS} ms "
        f"| {every['ns'] / 1e6:.1f} ms | {verdict(every['ns'] / 1e6 < TARGET_MATRIX_ALL_MS)} |")
    add("")
    add("The matrices: 100 generated clients and 100 servers (tests/support/generated_handshakes), "
        "each side prepared once, every pair negotiated, as `cipherexplain matrix` does.")
    add("")
    add("Reproduce: `scripts/bench-report.py --only handshake` (or `--update bench/README.md`).")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(ROOT / "build-bench"), help="where to build (Release)")
    parser.add_argument("--repetitions", type=int, default=5, help="repetitions of each benchmark")
    parser.add_argument("--min-time", default="0.2", help="seconds per repetition")
    parser.add_argument("--runs", type=int, default=40, help="processes per CLI measurement")
    parser.add_argument("--update", metavar="FILE", help=f"replace the text between {BEGIN} and {END} (and the other sections' markers)")
    parser.add_argument("--no-build", action="store_true", help="use the existing build")
    parser.add_argument("--scale-max", type=int, default=1 << 24,
                        help="largest input of the path scaling run, in bytes (default 16 MiB)")
    parser.add_argument("--only", choices=["pairs", "config", "handshake", "scaling"],
                        help="run only one of the reports (pairs also reports the configurations)")
    parser.add_argument("--paths-json", help="report the scaling from this saved run instead of running it")
    args = parser.parse_args()

    build_dir = Path(args.build_dir)
    if not args.no_build:
        build(build_dir)
    sections = []
    if args.only in (None, "pairs", "config"):
        # One run for the cipher-list pairs and the configurations ("-paths/" holds both).
        data = run_benchmarks(build_dir, args.repetitions, args.min_time,
                              "config" if args.only == "config" else "-paths/")
        if args.only != "config":
            text, _ = report(build_dir, data, args.runs)
            sys.stdout.write(text)
            sections.append((BEGIN, END, text))
        text, _ = config_report(data)
        sys.stdout.write("\n" + text)
        sections.append((CONFIG_BEGIN, CONFIG_END, text))
    if args.only in (None, "handshake"):
        data = run_benchmarks(build_dir, args.repetitions, args.min_time, "handshake/|matrix/")
        text = handshake_report(data)
        sys.stdout.write("\n" + text)
        sections.append((HANDSHAKE_BEGIN, HANDSHAKE_END, text))
    if args.only in (None, "scaling"):
        data = (json.loads(Path(args.paths_json).read_text()) if args.paths_json
                else run_paths(build_dir, args.scale_max))
        text = scaling_report(data)
        sys.stdout.write("\n" + text)
        sections.append((SCALING_BEGIN, SCALING_END, text))
    if args.update:
        path = Path(args.update)
        old = path.read_text()
        for begin, end, text in sections:
            if begin not in old or end not in old:
                raise SystemExit(f"{path} has no {begin} ... {end} section")
            head, rest = old.split(begin, 1)
            _, tail = rest.split(end, 1)
            old = f"{head}{begin}\n{text}{end}{tail}"
        path.write_text(old)
        log(f"== updated {path}")


if __name__ == "__main__":
    main()
