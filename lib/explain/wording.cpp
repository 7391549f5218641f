// SPDX-License-Identifier: Apache-2.0
#include "explain/wording.hpp"

#include "catalog/algorithms.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::detail {

std::string suites_text(const std::vector<const cipher*>& suites, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < suites.size() && i < shown; ++i) {
    if (i > 0) out += i + 1 == suites.size() ? " and " : ", ";
    out += suites[i]->name;
  }
  if (suites.size() > shown) out += fmt::format(" and {} more", suites.size() - shown);
  return out;
}

std::string releases_text(const std::vector<std::string_view>& releases) {
  const auto all = catalog::release_names();
  auto index = [&](std::string_view r) {
    return std::find(all.begin(), all.end(), r) - all.begin();
  };
  const bool consecutive =
      releases.size() > 2 && index(releases.back()) - index(releases.front()) ==
                                 static_cast<std::ptrdiff_t>(releases.size()) - 1;
  if (consecutive) return fmt::format("{} to {}", releases.front(), releases.back());
  std::string out;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    if (i > 0) out += i + 1 == releases.size() ? " and " : ", ";
    out += releases[i];
  }
  return out;
}

std::string describe_masks(const alias& a) {
  static constexpr std::string_view field_words[] = {"key exchange", "authentication", "encryption",
                                                     "MAC"};
  std::vector<std::string> parts;
  for (const algorithm_field f : algorithm_fields) {
    const std::uint32_t mask = a.algorithms()[f];
    if (mask == 0) continue;
    const std::uint32_t known = all_bits(f);
    const bool complement = (mask & ~known) != 0;
    const std::uint32_t bits = complement ? known & ~mask : mask;
    std::vector<std::string_view> names;
    for (std::uint32_t b = 1; b != 0; b <<= 1) {
      if ((bits & b) != 0) names.push_back(bit_symbol(f, b));
    }
    const std::string_view what = field_words[static_cast<std::size_t>(f)];
    const std::string list = fmt::format("{}", fmt::join(names, "|"));
    parts.push_back(complement ? fmt::format("{} other than {}", what, list)
                               : fmt::format("{} {}", what, list));
  }
  if (a.version != 0) parts.push_back("a minimum protocol version");
  if ((a.strength & strength::class_mask) != 0) parts.push_back("a strength class");
  if ((a.strength & strength::not_default) != 0) parts.push_back("not being in DEFAULT");
  return fmt::format("{}", fmt::join(parts, " and "));
}

bool has_component(std::string_view name, std::string_view word) {
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dash = name.find('-', start);
    if (name.substr(start,
                    dash == std::string_view::npos ? std::string_view::npos : dash - start) == word)
      return true;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return false;
}

}  // namespace cipherexplain::detail
