// SPDX-License-Identifier: Apache-2.0
#pragma once
// How findings name things: lists of suites and releases, what an alias's masks mean.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// "A, B, C and 4 more".
[[nodiscard]] std::string suites_text(const std::vector<const cipher*>& suites,
                                      std::size_t shown = 3);

/// "1.1.0l to 4.0.3" for three or more consecutive releases, else "1.0.2u and 3.0.19".
[[nodiscard]] std::string releases_text(const std::vector<std::string_view>& releases);

/// "key exchange kRSA and authentication aRSA" for an alias's masks.
[[nodiscard]] std::string describe_masks(const alias& a);

/// Whether a name has `word` as one of its '-'-separated parts (DSS in DH-DSS-AES128-SHA).
[[nodiscard]] bool has_component(std::string_view name, std::string_view word);

}  // namespace cipherexplain::detail
