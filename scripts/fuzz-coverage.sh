#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Source coverage of the library reached by each fuzz target's corpus.
#
#   scripts/fuzz-coverage.sh [TARGET...]
#
# Builds the targets with Clang's source-based coverage into build-fuzz-cov/ (replay mains, no
# libFuzzer), replays each over the seeds, corpus/regressions/ and what fuzzing found
# (build-fuzz/corpus/TARGET/, see scripts/fuzz.sh), and prints the line and region coverage of
# lib/ per target. The full report: llvm-cov-14 show build-fuzz-cov/fuzz/TARGET
# -instr-profile=build-fuzz-cov/TARGET.profdata lib/
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(parse_fuzzer differential_fuzzer round_trip_fuzzer)
build=build-fuzz-cov
profdata=$(command -v llvm-profdata-14 || command -v llvm-profdata)
cov=$(command -v llvm-cov-14 || command -v llvm-cov)

CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCIPHEREXPLAIN_BUILD_TOOLS=OFF \
  -DCMAKE_CXX_FLAGS="-fprofile-instr-generate -fcoverage-mapping" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

for target in "${targets[@]}"; do
  inputs=(--lines corpus/corpus.txt corpus/regressions)
  [[ -d build-fuzz/corpus/$target ]] && inputs+=("build-fuzz/corpus/$target")
  rm -f "$build/$target".profraw
  LLVM_PROFILE_FILE="$build/$target.profraw" OPENSSL_CONF=/dev/null \
    "$build/fuzz/$target" "${inputs[@]}" | sed "s/^/$target: /"
  "$profdata" merge -sparse "$build/$target.profraw" -o "$build/$target.profdata"
  "$cov" report "$build/fuzz/$target" -instr-profile="$build/$target.profdata" \
    "$PWD/lib/" | tail -n 1 | awk -v t="$target" \
    '{ printf "%s: lib/ regions %s, functions %s, lines %s\n", t, $4, $7, $10 }'
done
