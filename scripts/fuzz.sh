#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (Clang, ASan + UBSan) and runs them.
#
#   scripts/fuzz.sh [--seconds N] [--jobs N] [--no-sanitize] [TARGET...]
#
# TARGET: parse_fuzzer, differential_fuzzer, round_trip_fuzzer, configuration_fuzzer,
# handshake_fuzzer, preset_fuzzer, config_{braces,apache,lines,options}_fuzzer (default: all
# ten, as many at once as there are CPUs). Each run starts from the seeds (every line of
# corpus/corpus.txt, every TLS 1.3 string of corpus/policy/ciphersuites/corpus.txt, and every
# file in corpus/regressions/; configuration_fuzzer also the policy recordings'
# configurations in its layout and corpus/fuzz/configurations/) plus what earlier runs found
# (build-fuzz/corpus/TARGET/), uses the dictionary corpus/fuzz/cipher-strings.dict, and stops
# after N seconds (default 60). Any crash, leak, timeout or check failure stops the run, leaves
# the input in build-fuzz/findings/, and makes this script exit non-zero. handshake_fuzzer
# starts from corpus/fuzz/handshakes/ (the handshake recordings' inputs in its layout, written by
# scripts/write-handshake-seeds.py), preset_fuzzer from corpus/fuzz/presets/ (preset names,
# option terms and SPECs), the config_*_fuzzer targets from corpus/fuzz/configs/ (the
# configuration files of tests/configs/, written by scripts/write-config-seeds.py). To keep one as a
# regression test, copy it to corpus/regressions/ with a name that says what it caught.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
jobs=1
sanitize=ON
build=build-fuzz
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --no-sanitize) sanitize=OFF; build=build-fuzz-fast; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -eq 0 ]] && targets=(parse_fuzzer differential_fuzzer round_trip_fuzzer configuration_fuzzer
                                        handshake_fuzzer preset_fuzzer config_braces_fuzzer
                                        config_apache_fuzzer config_lines_fuzzer
                                        config_options_fuzzer)

CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCIPHEREXPLAIN_BUILD_FUZZ=ON -DCIPHEREXPLAIN_SANITIZE="$sanitize" -DCIPHEREXPLAIN_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# libFuzzer wants a directory of files: one per corpus line, written once. configuration_fuzzer
# gets the policy recordings as configurations (its layout: configuration_mutator.hpp).
seeds="$build/seeds"
configurations="$build/seeds-configurations"
if [[ ! -d "$seeds" || ! -d "$configurations" || corpus/corpus.txt -nt "$seeds" ||
      corpus/policy/ciphersuites/corpus.txt -nt "$seeds" ||
      corpus/policy/supported/corpus.txt -nt "$seeds" ]]; then
  rm -rf "$seeds" "$configurations" && mkdir -p "$seeds" "$configurations"
  python3 - "$seeds" "$configurations" <<'PY'
import pathlib, sys
seeds, configurations = (pathlib.Path(p) for p in sys.argv[1:3])
def lines(path):
    data = pathlib.Path(path).read_bytes()
    return data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n")
for i, line in enumerate(lines("corpus/corpus.txt")):
    (seeds / f"line-{i + 1:04d}").write_bytes(line)
# Control bytes: level and setters, SSL_OP_NO_* bits, min | max << 3.
bound = {b"0": 0, b"SSL3": 1, b"TLS1": 2, b"TLS1.1": 3, b"TLS1.2": 4, b"TLS1.3": 5}
for i, line in enumerate(lines("corpus/policy/ciphersuites/corpus.txt")):
    (seeds / f"ciphersuites-{i + 1:04d}").write_bytes(line.split(b"\t")[0])
    fields = line.split(b"\t")
    if len(fields) == 3:
        control, cipher_list = (0x08 if fields[2] == b"suites-first" else 0), fields[1]
    else:
        control, cipher_list = 0x10, b""
    (configurations / f"ciphersuites-{i + 1:04d}").write_bytes(
        bytes([control, 0, 0]) + cipher_list + b"\0" + fields[0])
for i, line in enumerate(lines("corpus/policy/supported/corpus.txt")):
    fields = line.split(b"\t")
    level = 0 if fields[3] == b"-" else int(fields[3]) + 1
    body = fields[0] + (b"\0" + fields[4] if len(fields) > 4 else b"")
    (configurations / f"supported-{i + 1:04d}").write_bytes(
        bytes([level, 0, bound[fields[1]] | bound[fields[2]] << 3]) + body)
PY
fi

parallel=()
[[ $jobs -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")

# One target's run; its summary lines are prefixed with its name, as runs overlap.
run_target() {
  local target=$1 work="$build/corpus/$1" findings="$build/findings/$1"
  mkdir -p "$work" "$findings"
  local inputs=("$seeds" corpus/regressions)
  [[ $target == configuration_fuzzer ]] && inputs=("$configurations" corpus/fuzz/configurations "${inputs[@]}")
  [[ $target == handshake_fuzzer ]] && inputs=(corpus/fuzz/handshakes corpus/regressions)
  [[ $target == preset_fuzzer ]] && inputs=(corpus/fuzz/presets corpus/regressions)
  [[ $target == config_*_fuzzer ]] && inputs=(corpus/fuzz/configs corpus/regressions)
  echo "== $target: $seconds s"
  # -max_len: long strings are covered by the replay tests and the benchmarks' scaling runs;
  # here short inputs keep executions fast. -timeout: no input may take two seconds, under
  # ASan on a loaded machine (the slowest input seen, 2 KB with 400 findings, takes under one).
  local rc=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/$target" "$work" "${inputs[@]}" \
    -dict=corpus/fuzz/cipher-strings.dict -max_total_time="$seconds" -max_len=4096 \
    -timeout=2 -rss_limit_mb=2048 "${parallel[@]}" -print_final_stats=1 \
    -artifact_prefix="$findings/" >"$build/$target.log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|==|SUMMARY|stat::)|cipherexplain fuzz check|ERROR' \
    "$build/$target.log" | sed "s/^/$target: /" || true
  if [[ $rc -ne 0 ]] || ls "$findings" | grep -q .; then
    echo "!! $target found something: see $build/$target.log and $findings/" >&2
    return 1
  fi
}

# The targets run side by side, one per CPU (each for its full time), so adding a target
# costs a fraction of a minute of wall time, not a minute.
at_once=$(( $(nproc) / jobs )); [[ $at_once -lt 1 ]] && at_once=1
status=0
running=0
for target in "${targets[@]}"; do
  if [[ $running -ge $at_once ]]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_target "$target" &
  running=$((running + 1))
done
while [[ $running -gt 0 ]]; do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
