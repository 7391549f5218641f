#include "releases.hpp"

#include <dlfcn.h>
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

namespace {

// The system's libcrypto (the one the build found), asked for its version.
struct system_openssl {
  unsigned long number = 0;
  std::string text;
};

std::optional<system_openssl> load_system_openssl() {
  void* lib = dlopen(CIPHEREXPLAIN_LIBCRYPTO, RTLD_LAZY | RTLD_LOCAL);
  if (lib == nullptr) return std::nullopt;
  using number_fn = unsigned long (*)();
  using text_fn = const char* (*)(int);
  // POSIX guarantees dlsym's object pointer converts to a function pointer.
  const auto number = reinterpret_cast<number_fn>(dlsym(lib, "OpenSSL_version_num"));
  const auto text = reinterpret_cast<text_fn>(dlsym(lib, "OpenSSL_version"));
  if (number == nullptr || text == nullptr) return std::nullopt;
  return system_openssl{number(), text(0 /* OPENSSL_VERSION */)};
}

const std::optional<system_openssl>& the_system_openssl() {
  static const std::optional<system_openssl> found = load_system_openssl();
  return found;
}

}  // namespace

std::string system_openssl_text() {
  const auto& found = the_system_openssl();
  return found ? found->text : fmt::format("no {} could be loaded", CIPHEREXPLAIN_LIBCRYPTO);
}

const catalog* system_release() {
  const auto& found = the_system_openssl();
  if (!found) return nullptr;
  // OPENSSL_VERSION_NUMBER layout: 3.x is 0xMNN00PP0, 1.x is 0xMNNFFPPS with a patch letter.
  const unsigned long v = found->number;
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
      const catalog* c = system_release();
      if (c == nullptr) {
        throw CLI::ValidationError("--openssl",
                                   fmt::format("no catalog matches the system's {}; known: {}",
                                               system_openssl_text(), known_releases()));
      }
      add(c);
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
