#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the page (web/README.md): the library as WebAssembly with Debian's emscripten, and the
# static files beside it in BUILD/web/.
#
#   scripts/build-web.sh [--test] [--build DIR] [--jobs N] [-- CMAKE-ARGS...]
#
# --test      also run its tests: ctest -L web (the .wasm budget, no external origin, and the
#             page in headless Chromium, which leaves a screenshot at BUILD/web/web-page.png)
# --build DIR the build directory (default build-web)
# --jobs N    parallel compile jobs (default: the number of CPUs)
# -- ARGS     passed to the configure step, e.g. -- -DCIPHEREXPLAIN_WERROR=ON (CI)
#
# Exit status: 0 built (and tested), 1 a build or test failed, 2 a usage error, 3 emscripten
# (emcc, emcmake) is not installed: `apt-get install emscripten` on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

build="build-web"
jobs=$(nproc)
test=0
cmake_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --test) test=1; shift ;;
    --build) build="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --) shift; cmake_args=("$@"); break ;;
    -h|--help) sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v emcc >/dev/null || ! command -v emcmake >/dev/null; then
  echo "build-web.sh: emscripten is not installed (no emcc/emcmake on PATH); on Debian 12:" >&2
  echo "  apt-get install emscripten" >&2
  exit 3
fi
# emscripten's JavaScript tools need acorn, which Debian installs under /usr/share/nodejs; a
# node from outside Debian (nodesource) does not look there.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

start=$(date +%s)
# MinSizeRel at -Oz (CMake's default is -Os): the module has a 1 MB budget.
emcmake cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=MinSizeRel \
  "-DCMAKE_CXX_FLAGS_MINSIZEREL=-Oz -DNDEBUG" "${cmake_args[@]}"
cmake --build "$build" -j"$jobs"
echo "built in $(( $(date +%s) - start )) s: $build/web/"
ls -l "$build/web/cipherexplain.wasm" "$build/web/cipherexplain.js"

if [[ $test -eq 1 ]]; then
  ctest --test-dir "$build" -L web --output-on-failure
fi

cat <<EOF

Open the page: serve the directory (a browser fetches the .wasm, which file:// does not allow)
  /usr/bin/python3 -m http.server -d $build/web --bind 127.0.0.1 8000
then visit http://127.0.0.1:8000/ (a view is shared by its URL, e.g.
http://127.0.0.1:8000/#s=DEFAULT:!3DES&r=1.1.1,3.0&trace=1).
EOF
