// SPDX-License-Identifier: Apache-2.0
#include "debian_builds.hpp"

#include <fstream>
#include <sstream>

namespace cipherexplain::testing {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

std::optional<build> find_build(const std::string& suite, std::string& why_not) {
  if (suite == "system") {
    return build{
        suite,   CIPHEREXPLAIN_SYSTEM_LIBCRYPTO, CIPHEREXPLAIN_SYSTEM_LIBSSL, "-", "-", "-",
        "linked"};
  }
  const std::string manifest = std::string(CIPHEREXPLAIN_DEBIAN_CACHE) + "/manifest.tsv";
  std::ifstream in(manifest);
  if (!in) {
    why_not =
        "the Debian archive was not reached, so no build was fetched (see the output of the "
        "fetch_debian_libssl test, or run "
        "scripts/fetch-debian-libssl.py " CIPHEREXPLAIN_DEBIAN_CACHE ")";
    return std::nullopt;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() == 7 && f[0] == suite) return build{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
  }
  why_not = "the archive has no " + suite + " build of libssl (see " + manifest + ")";
  return std::nullopt;
}

std::vector<std::string> probe_command(const build& b, const std::string& probe) {
  if (b.loader == "-") return {probe};
  return {b.loader, "--library-path", b.library_path, probe};
}

}  // namespace cipherexplain::testing
