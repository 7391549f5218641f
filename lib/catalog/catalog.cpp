// Lookups in one catalog.

#include <cipherexplain/catalog.hpp>

#include "catalog/data_text.hpp"

#include <algorithm>

namespace cipherexplain {

const cipher* catalog::find_cipher(std::string_view name) const noexcept {
  for (const cipher& s : ciphers_) {
    if (s.name == name || (!s.stdname.empty() && s.stdname == name)) return &s;
  }
  return nullptr;
}

const cipher* catalog::find_cipher(std::uint32_t id) const noexcept {
  const auto it = std::lower_bound(ciphers_.begin(), ciphers_.end(), id,
                                   [](const cipher& s, std::uint32_t v) { return s.id < v; });
  return it != ciphers_.end() && it->id == id ? &*it : nullptr;
}

const alias* catalog::find_alias(std::string_view name) const noexcept {
  for (const alias& a : aliases_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool catalog::has_build_option(std::string_view name) const noexcept {
  for (const cipher& s : ciphers_) {
    bool found = false;
    if (!s.option.empty()) {
      detail::for_each_part(s.option, ',', [&](std::string_view o) { found = found || o == name; });
    }
    if (found) return true;
  }
  return false;
}

}  // namespace cipherexplain
