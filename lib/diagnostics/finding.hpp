// SPDX-License-Identifier: Apache-2.0
#pragma once
// Findings are made here, so that a code's severity comes from its row of the code table and
// nowhere else.

#include <cipherexplain/diagnostic.hpp>

#include <cstddef>
#include <string>
#include <utility>

namespace cipherexplain::detail {

[[nodiscard]] inline diagnostic make_finding(diagnostic_code code, std::string message,
                                             std::size_t offset, std::size_t length,
                                             std::string suggestion = {}) {
  return {code,   code_info(code).severity, std::move(message), offset,
          length, std::move(suggestion)};
}

}  // namespace cipherexplain::detail
