// SPDX-License-Identifier: Apache-2.0
#pragma once
// The releases compiled into the library, oldest first, known by name without being parsed.

#include "catalog/embedded_catalogs.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace cipherexplain::detail {

struct embedded_release {
  std::string_view release;  // "3.0.19", from release.txt
  std::string_view series;   // "3.0"
  const embedded_catalog* data = nullptr;
};

/// Every embedded release, oldest first (the order of catalog::all()).
[[nodiscard]] std::span<const embedded_release> embedded_releases();

/// How many catalogs this process has parsed so far (they are parsed on first use).
[[nodiscard]] std::size_t parsed_catalog_count() noexcept;

/// The value of a "key value" line of a release.txt, found without parsing the rest; empty
/// when the key is absent.
[[nodiscard]] std::string_view release_txt_value(std::string_view text, std::string_view key);

}  // namespace cipherexplain::detail
