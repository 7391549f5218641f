// SPDX-License-Identifier: Apache-2.0
// Lookups in one catalog.

#include <cipherexplain/catalog.hpp>

#include "catalog/data_text.hpp"

#include <algorithm>

namespace cipherexplain {

namespace {

// The position of the first entry named `name` in a sorted (name, position) index.
template <typename Index>
std::optional<std::uint32_t> position_of(const Index& index, std::string_view name) noexcept {
  const auto it = std::lower_bound(index.begin(), index.end(), name,
                                   [](const auto& e, std::string_view n) { return e.first < n; });
  if (it == index.end() || it->first != name) return std::nullopt;
  return it->second;
}

}  // namespace

const cipher* catalog::find_cipher(std::string_view name) const noexcept {
  const auto at = position_of(cipher_names_, name);
  return at ? &ciphers_[*at] : nullptr;
}

const cipher* catalog::find_cipher(std::uint32_t id) const noexcept {
  const auto it = std::lower_bound(ciphers_.begin(), ciphers_.end(), id,
                                   [](const cipher& s, std::uint32_t v) { return s.id < v; });
  return it != ciphers_.end() && it->id == id ? &*it : nullptr;
}

const alias* catalog::find_alias(std::string_view name) const noexcept {
  const auto at = position_of(alias_names_, name);
  return at ? &aliases_[*at] : nullptr;
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
