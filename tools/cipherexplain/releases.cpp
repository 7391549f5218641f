// SPDX-License-Identifier: Apache-2.0
#include "releases.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <optional>

namespace cipherexplain::cli {

std::string known_releases() {
  std::string list;
  for (std::string_view name : catalog::release_names()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

std::string system_openssl_text() {
  const system_lookup& s = catalog::system();
  return s.found ? s.found->version_text : s.problem;
}

const catalog* system_release() {
  const system_lookup& s = catalog::system();
  return s.found ? s.found->stand_in : nullptr;
}

namespace {

// A point release of a recorded series ("1.0.2k", "3.0.7"): that series' recorded release.
const catalog* nearest_recorded(std::string_view item) {
  for (const std::string_view name : catalog::release_names()) {
    const catalog* c = catalog::find(name);
    const std::string_view series = c->series();
    if (item.size() > series.size() && item.starts_with(series)) {
      const std::string_view rest = item.substr(series.size());
      const bool letters =
          std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      const bool point =
          rest.size() > 1 && rest[0] == '.' &&
          std::all_of(rest.begin() + 1, rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (letters || point) return catalog::find(series);
    }
  }
  return nullptr;
}

}  // namespace

std::vector<const catalog*> resolve_releases(const std::string& spec) {
  std::vector<const catalog*> out;
  auto add = [&out](const catalog* c) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find_first_of(",\n", start);
    std::string item =
        spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // "3.0, 3.5": blanks around an item are not part of it.
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (item == "all") {
      for (const catalog* c : catalog::all()) add(c);
    } else if (item == "latest") {
      add(catalog::find(catalog::release_names().back()));
    } else if (item == "system") {
      const system_lookup& sys = catalog::system();
      if (!sys.found) {
        throw CLI::ValidationError("--openssl", fmt::format("system: {}", sys.problem));
      }
      if (sys.found->stand_in == nullptr) {
        throw CLI::ValidationError(
            "--openssl", fmt::format("system: no recorded release of the {} series stands in for "
                                     "the system's {}; known: {}",
                                     sys.found->series, sys.found->version_text, known_releases()));
      }
      add(sys.found->stand_in);
    } else if (const catalog* c = catalog::find(item)) {
      add(c);
    } else if (const catalog* series = nearest_recorded(item)) {
      throw CLI::ValidationError(
          "--openssl",
          fmt::format(
              "OpenSSL {} is not recorded; the nearest recorded release is {}, the newest of its series (--openssl {}); point releases can differ, e.g. 3.0.7 changed how a missing name is handled",
              item, series->release(), series->series()));
    } else {
      throw CLI::ValidationError(
          "--openssl",
          fmt::format(
              "unknown OpenSSL release '{}'; known: {} (or a series such as 3.0, latest, system, all, or a comma-separated list)",
              item.size() > 40 ? item.substr(0, 40) + "..." : item, known_releases()));
    }
  }
  return out;
}

}  // namespace cipherexplain::cli
