#include "releases.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <CLI/CLI.hpp>

#include <algorithm>

namespace cipherexplain::cli {

std::string known_releases() {
  std::string list;
  for (const catalog* c : catalog::all()) {
    if (!list.empty()) list += ", ";
    list += c->release();
  }
  return list;
}

const catalog* system_release() {
  // OPENSSL_VERSION_NUMBER layout: 3.x is 0xMNN00PP0, 1.x is 0xMNNFFPPS with a patch letter.
  const unsigned long v = OpenSSL_version_num();
  const unsigned long major = (v >> 28) & 0xfu;
  const unsigned long minor = (v >> 20) & 0xffu;
  std::string exact, series;
  if (major >= 3) {
    series = fmt::format("{}.{}", major, minor);
    exact = fmt::format("{}.{}", series, (v >> 4) & 0xffu);
  } else {
    series = fmt::format("{}.{}.{}", major, minor, (v >> 12) & 0xffu);
    const unsigned long letter = (v >> 4) & 0xffu;
    exact = letter == 0 ? series : series + static_cast<char>('a' + letter - 1);
  }
  if (const catalog* c = catalog::find(exact)) return c;
  return catalog::find(series);
}

std::vector<const catalog*> resolve_releases(const std::string& spec) {
  std::vector<const catalog*> out;
  auto add = [&out](const catalog* c) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string item =
        spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (item == "all") {
      for (const catalog* c : catalog::all()) add(c);
    } else if (item == "latest") {
      add(catalog::all().back());
    } else if (item == "system") {
      const catalog* c = system_release();
      if (c == nullptr) {
        throw CLI::ValidationError("--openssl",
                                   fmt::format("no catalog matches the system's {}; known: {}",
                                               OpenSSL_version(OPENSSL_VERSION), known_releases()));
      }
      add(c);
    } else if (const catalog* c = catalog::find(item)) {
      add(c);
    } else {
      throw CLI::ValidationError(
          "--openssl",
          fmt::format("unknown OpenSSL release '{}'; known: {} (or a series such as 3.0, latest, "
                      "system, all, or a comma-separated list)",
                      item, known_releases()));
    }
  }
  return out;
}

}  // namespace cipherexplain::cli
