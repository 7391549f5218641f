#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages cipherexplain builds and tests with; installs only what is missing.
# Usage: scripts/setup-debian.sh [--fuzz]   (--fuzz adds clang and its libFuzzer runtime)
set -euo pipefail

packages=(cmake g++ make pkg-config python3
          tao-pegtl-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
          libfmt-dev libcli11-dev nlohmann-json3-dev python3-jsonschema
          # the tool as users install it: man pages, completions (tested in each shell), .deb
          help2man man-db bash-completion zsh fish dpkg-dev file
          # the Python package (python/): built with pybind11, tested with pytest, pip and build
          python3-dev pybind11-dev python3-pybind11 python3-pytest python3-venv python3-build
          python3-setuptools python3-wheel)
if [[ "${1:-}" == "--fuzz" ]]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
