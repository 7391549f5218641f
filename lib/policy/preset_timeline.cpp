// SPDX-License-Identifier: Apache-2.0
// A family's presets in order, each on its bundled release and on today's, and what changed
// from one row to the next: the page about how Python's defaults evolved, computed.

#include <cipherexplain/preset.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain {
namespace {

std::string joined(const std::vector<std::string>& calls) {
  std::string out;
  for (const auto& c : calls) out += fmt::format("{}{}", out.empty() ? "" : " ;; ", c);
  return out;
}

// The option terms as a set of names, to say which were added or removed.
std::vector<std::string> terms_of(const std::string& options) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= options.size() && !options.empty()) {
    const std::size_t bar = std::min(options.find('|', start), options.size());
    out.push_back(options.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

std::vector<std::string> differences(const preset& before, const preset& now) {
  std::vector<std::string> out;
  if (joined(before.cipher_calls) != joined(now.cipher_calls)) out.emplace_back("cipher string");
  if (before.ciphersuites != now.ciphersuites) out.emplace_back("ciphersuites");
  if (before.options != now.options) {
    const auto a = terms_of(before.options), b = terms_of(now.options);
    std::string what = "options:";
    for (const auto& t : b)
      if (std::find(a.begin(), a.end(), t) == a.end()) what += " +" + t;
    for (const auto& t : a)
      if (std::find(b.begin(), b.end(), t) == b.end()) what += " -" + t;
    out.push_back(what);
  }
  if (before.min_protocol != now.min_protocol || before.max_protocol != now.max_protocol ||
      before.enabled_protocols != now.enabled_protocols ||
      before.fixed_protocol != now.fixed_protocol)
    out.emplace_back("protocols");
  if (before.security_level != now.security_level) out.emplace_back("security level");
  if (before.server_preference != now.server_preference) out.emplace_back("server preference");
  if (before.method != now.method) out.push_back(fmt::format("method {}", now.method));
  if (before.verify_mode != now.verify_mode || before.check_hostname != now.check_hostname)
    out.emplace_back("certificate verification");
  if (before.verify_flags != now.verify_flags) out.emplace_back("verify flags");
  if (before.https_verify != now.https_verify) out.emplace_back("HTTPS verification");
  const auto first = [](const preset& p) {
    return p.bundled.empty() ? std::string() : p.bundled.front().release;
  };
  if (first(before) != first(now))
    out.push_back(fmt::format("bundled OpenSSL {}", first(now).empty() ? "none" : first(now)));
  return out;
}

}  // namespace

std::vector<timeline_row> preset_timeline(std::string_view family, std::string_view context,
                                          std::span<const catalog* const> today) {
  std::vector<timeline_row> out;
  std::vector<configuration_resolver> prepared;  // each release prepared once for all rows
  prepared.reserve(today.size());
  for (const catalog* release : today) prepared.emplace_back(*release);
  for (preset& p : family_presets(family, context)) {
    timeline_row row;
    if (!out.empty())
      row.changes = differences(out.back().entry, p);
    else
      row.changes.emplace_back("first row");
    row.on_bundled_release = preset_release(p, &row.bundled);
    if (row.on_bundled_release) row.bundled_result = resolve_preset(p, *row.on_bundled_release);
    for (const configuration_resolver& release : prepared)
      row.today.push_back(resolve_preset(p, release));
    row.entry = std::move(p);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace cipherexplain
