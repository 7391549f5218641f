// SPDX-License-Identifier: Apache-2.0
#pragma once
// Apache httpd's <Section>s as apache_reader.cpp tracks them: which ones it knows and what they
// are, and the stack of those open now, with where a directive inside them stands (block,
// vhost, directory, proxy) kept per level so that asking costs nothing.

#include "config/apache_lines.hpp"
#include "config/apache_ssl.hpp"
#include "text/ascii.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::apache {

enum class section_kind : std::uint8_t { conditional, vhost, directory, proxy, wrapper, skipped };

struct known_section {
  std::string_view name;
  section_kind kind;
  bool needs_argument;
};

/// The sections httpd's core and the usual modules define, as httpd spells them; nullptr for
/// others (read as per-directory blocks).
[[nodiscard]] inline const known_section* find_section(std::string_view name) noexcept {
  using k = section_kind;
  static constexpr known_section known[] = {
      {"VirtualHost", k::vhost, true},
      {"Directory", k::directory, true},
      {"DirectoryMatch", k::directory, true},
      {"Location", k::directory, true},
      {"LocationMatch", k::directory, true},
      {"Files", k::directory, true},
      {"FilesMatch", k::directory, true},
      {"If", k::directory, true},
      {"ElseIf", k::directory, true},
      {"Else", k::directory, false},
      {"Proxy", k::proxy, true},
      {"ProxyMatch", k::proxy, true},
      {"Limit", k::wrapper, true},
      {"LimitExcept", k::wrapper, true},
      {"RequireAll", k::wrapper, false},
      {"RequireAny", k::wrapper, false},
      {"RequireNone", k::wrapper, false},
      {"IfModule", k::conditional, true},
      {"IfDefine", k::conditional, true},
      {"IfFile", k::conditional, true},
      {"IfDirective", k::conditional, true},
      {"IfSection", k::conditional, true},
      {"IfVersion", k::conditional, true},
      {"Macro", k::skipped, true},
  };
  for (const known_section& s : known) {
    if (equal_ignoring_case(s.name, name)) return &s;
  }
  return nullptr;
}

struct section {
  std::string name;  // as httpd spells a known one ("VirtualHost"), else as written; no '<'
  section_kind kind = section_kind::directory;
  std::int32_t block = -1;  // -1: what is inside belongs to the enclosing block
  std::size_t offset = 0;   // where it opens, in the file that opens it
};

/// The first word of a section's argument, quotes dropped.
[[nodiscard]] inline std::string first_word(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  if (!s.empty() && (s.front() == '"' || s.front() == '\'')) {
    const char q = s.front();
    s.remove_prefix(1);
    return std::string(s.substr(0, s.find(q)));
  }
  std::size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  return std::string(s.substr(0, end));
}

/// The sections open now, innermost last.
class section_stack {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return sections_.size(); }
  [[nodiscard]] const section& back() const { return sections_.back(); }
  /// Where a directive read now stands.
  [[nodiscard]] const place& where() const noexcept {
    return places_.empty() ? outside_ : places_.back();
  }

  void push(section s) {
    place p = where();
    if (s.block >= 0) p.block = s.block;
    if (s.kind == section_kind::vhost) p.in_vhost = true;
    if (s.kind == section_kind::directory || s.kind == section_kind::proxy) {
      p.in_directory = true;
      p.in_proxy = s.kind == section_kind::proxy;
    }
    if (s.kind != section_kind::conditional) p.parent = s.name;
    places_.push_back(std::move(p));
    open_[ascii_lowered(s.name)].push_back(sections_.size());
    sections_.push_back(std::move(s));
  }

  void pop() {
    auto it = open_.find(ascii_lowered(sections_.back().name));
    it->second.pop_back();
    if (it->second.empty()) open_.erase(it);
    sections_.pop_back();
    places_.pop_back();
  }

  /// Closes the innermost section named `name` (without case) at or above level `base`, and
  /// every section inside it; false (and nothing closed) when there is none.
  bool close_named(std::string_view name, std::size_t base) {
    const auto it = open_.find(ascii_lowered(name));
    if (it == open_.end() || it->second.back() < base) return false;
    const std::size_t level = it->second.back();
    while (sections_.size() > level) pop();
    return true;
  }

 private:
  std::vector<section> sections_;
  std::vector<place> places_;  // per level: where a directive inside it stands
  std::map<std::string, std::vector<std::size_t>> open_;  // lower-case name -> levels
  place outside_;
};

}  // namespace cipherexplain::detail::apache
