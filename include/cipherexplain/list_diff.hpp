// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// What changes between two cipher lists: suites added, removed, and moved.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>

#include <span>
#include <vector>

namespace cipherexplain {

/// The difference between an old and a new list. Suites are matched by id, so a suite renamed
/// between releases (EDH-RSA-DES-CBC3-SHA -> DHE-RSA-DES-CBC3-SHA) counts as the same suite.
struct CIPHEREXPLAIN_API list_diff {
  std::vector<const cipher*> added;    ///< in the new list only, in new-list order
  std::vector<const cipher*> removed;  ///< in the old list only, in old-list order
  /// In both, but out of their old relative order: the fewest suites whose moving turns the
  /// old order into the new one (those not on a longest common subsequence), in new-list order.
  std::vector<const cipher*> moved;

  [[nodiscard]] bool empty() const noexcept {
    return added.empty() && removed.empty() && moved.empty();
  }
};

/// Compares two lists (e.g. the results of two releases, or of two strings).
[[nodiscard]] CIPHEREXPLAIN_API list_diff diff_lists(std::span<const cipher* const> before,
                                                     std::span<const cipher* const> after);

}  // namespace cipherexplain
