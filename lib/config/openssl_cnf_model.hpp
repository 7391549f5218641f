// SPDX-License-Identifier: Apache-2.0
#pragma once
// What NCONF_load keeps of an openssl.cnf (crypto/conf/conf_api.c: _CONF_new_section,
// _CONF_add_string, _CONF_get_string), the character classes of crypto/conf/keysets.pl
// ("default" method) and one logical line as def_load_bio holds it. Included by
// openssl_cnf_parse.hpp only.

#include "config/reader_support.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::openssl_cnf {

struct entry {
  std::string name;
  value_builder value;
  const loaded_file* file = nullptr;
  std::size_t at = 0;  // where the name starts
  bool live = true;    // false once the same name is set again in the section
};

struct section {
  std::string name;
  std::vector<std::size_t> entries;   // into model::entries, in order (dead ones skipped)
  const loaded_file* file = nullptr;  // its first [header], if any
  std::size_t at = 0;
};

struct model {
  std::vector<entry> entries;
  std::vector<section> sections;
  std::map<std::string, std::size_t> by_name;                         // section
  std::map<std::pair<std::size_t, std::string>, std::size_t> lookup;  // live entry

  [[nodiscard]] const section* find(const std::string& name) const {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &sections[it->second];
  }
  std::size_t section_index(const std::string& name) {
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      it = by_name.emplace(name, sections.size()).first;
      sections.push_back({name, {}, nullptr, 0});
    }
    return it->second;
  }
  [[nodiscard]] const entry* get(const std::string& sec, const std::string& name) const {
    const auto s = by_name.find(sec);
    if (s == by_name.end()) return nullptr;
    const auto e = lookup.find({s->second, name});
    return e == lookup.end() ? nullptr : &entries[e->second];
  }
  void add(const std::string& sec, entry e) {
    const std::size_t s = section_index(sec);
    const std::size_t index = entries.size();
    const auto [it, fresh] = lookup.try_emplace({s, e.name}, index);
    if (!fresh) {
      // _CONF_add_string: the older entry of the name leaves the section's list.
      entries[it->second].live = false;
      it->second = index;
    }
    entries.push_back(std::move(e));
    sections[s].entries.push_back(index);
  }
};

[[nodiscard]] inline bool is_ws(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
[[nodiscard]] inline bool is_quote(char c) noexcept { return c == '\'' || c == '"' || c == '`'; }
[[nodiscard]] inline bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
[[nodiscard]] inline bool is_punct(char c) noexcept {
  return std::string_view("!.%&*+,/;?@^~|-").find(c) != std::string_view::npos && c != '\0';
}

/// One logical line: its bytes (NUL-terminated, as the C code has it) and each byte's offset
/// in the file.
struct line_buffer {
  std::string text;
  std::vector<std::size_t> offset;
  [[nodiscard]] char at(std::size_t i) const noexcept { return i < text.size() ? text[i] : '\0'; }
  [[nodiscard]] std::size_t origin(std::size_t i) const noexcept {
    return i < offset.size() ? offset[i] : (offset.empty() ? 0 : offset.back());
  }
  void cut(std::size_t i) {
    if (i < text.size()) text[i] = '\0';
  }
  [[nodiscard]] std::size_t length_from(std::size_t i) const noexcept {
    const std::size_t nul = text.find('\0', i);
    return (nul == std::string::npos ? text.size() : nul) - std::min(i, text.size());
  }
};

}  // namespace cipherexplain::detail::openssl_cnf
