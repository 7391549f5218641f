// SPDX-License-Identifier: Apache-2.0
// Keeps one catalog per embedded release, each parsed on first use: a command about one release
// (the common case) does not pay for parsing the others at start-up.

#include <cipherexplain/catalog.hpp>

#include "catalog/registry.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace cipherexplain {
namespace detail {
namespace {

// Orders release names numerically: 1.0.2u < 1.1.0l < 3.0.19 < 3.10.0.
std::vector<int> release_key(std::string_view release) {
  std::vector<int> key;
  int number = 0;
  bool in_number = false;
  for (char c : release) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + (c - '0');
      in_number = true;
    } else {
      if (in_number) key.push_back(number);
      number = 0;
      in_number = false;
      if (c != '.') key.push_back(1000 + c);
    }
  }
  if (in_number) key.push_back(number);
  return key;
}

}  // namespace

std::string_view release_txt_value(std::string_view text, std::string_view key) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.starts_with(key) && line.size() > key.size() &&
        (line[key.size()] == ' ' || line[key.size()] == '\t')) {
      line.remove_prefix(key.size());
      const std::size_t start = line.find_first_not_of(" \t");
      const std::size_t end = line.find_last_not_of(" \t\r");
      return start == std::string_view::npos ? std::string_view{}
                                             : line.substr(start, end - start + 1);
    }
  }
  return {};
}

std::span<const embedded_release> embedded_releases() {
  static const std::vector<embedded_release> releases = [] {
    std::vector<embedded_release> out;
    for (const embedded_catalog& e : embedded_catalogs()) {
      out.push_back(
          {release_txt_value(e.release, "release"), release_txt_value(e.release, "series"), &e});
    }
    std::sort(out.begin(), out.end(), [](const embedded_release& a, const embedded_release& b) {
      return release_key(a.release) < release_key(b.release);
    });
    return out;
  }();
  return releases;
}

}  // namespace detail

namespace {

std::atomic<std::size_t> parsed_count{0};

class registry {
 public:
  static registry& instance() {
    static registry r;
    return r;
  }

  [[nodiscard]] std::size_t size() const noexcept { return slots_.size(); }
  [[nodiscard]] const detail::embedded_release& entry(std::size_t i) const noexcept {
    return detail::embedded_releases()[i];
  }

  const catalog* get(std::size_t i) {
    slot& s = slots_[i];
    std::call_once(s.once, [&] {
      const detail::embedded_catalog& data = *entry(i).data;
      s.parsed = catalog::from_data(data.ciphers, data.aliases, data.release);
      ++parsed_count;
    });
    return s.parsed.get();
  }

 private:
  struct slot {
    std::once_flag once;
    std::unique_ptr<catalog> parsed;
  };

  registry() : slots_(detail::embedded_releases().size()) {}

  std::vector<slot> slots_;
};

}  // namespace

std::size_t detail::parsed_catalog_count() noexcept { return parsed_count.load(); }

std::span<const catalog* const> catalog::all() {
  // Built once, on first use, and kept for the life of the program.
  static const std::vector<const catalog*> releases = [] {
    registry& r = registry::instance();
    std::vector<const catalog*> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get(i));
    return out;
  }();
  return releases;
}

std::vector<std::string_view> catalog::release_names() {
  std::vector<std::string_view> out;
  for (const detail::embedded_release& e : detail::embedded_releases()) out.push_back(e.release);
  return out;
}

const catalog* catalog::find(std::string_view release) {
  if (release.starts_with("openssl-")) release.remove_prefix(8);
  if (release == "latest") {
    registry& r = registry::instance();
    return r.size() == 0 ? nullptr : r.get(r.size() - 1);
  }
  if (release == "system") {
    const system_lookup& s = system();
    return s.found ? s.found->stand_in : nullptr;
  }
  registry& r = registry::instance();
  std::size_t newest_of_series = r.size();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r.entry(i).release == release) return r.get(i);
    if (r.entry(i).series == release) newest_of_series = i;
  }
  return newest_of_series < r.size() ? r.get(newest_of_series) : nullptr;
}

}  // namespace cipherexplain
