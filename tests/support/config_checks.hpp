// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checks every configuration reader's result must pass, shared by the reader tests.

#include <cipherexplain/config_file.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cipherexplain::config_checks {

/// Every setting's spans cover its value, in order and without a gap, each at a real line;
/// every error has a line.
inline void check_spans_cover_values(const config_read_result& r) {
  for (const tls_setting& s : r.settings) {
    std::size_t next = 0;
    for (const value_span& span : s.spans) {
      ASSERT_EQ(span.value_offset, next) << s.directive;
      ASSERT_GT(span.length, 0u);
      ASSERT_GT(span.line, 0u);
      next += span.length;
    }
    ASSERT_EQ(next, s.value.size()) << s.directive;
  }
  for (const config_error& e : r.errors) ASSERT_GT(e.line, 0u) << e.message;
}

/// Calls `check` on `rounds` texts of 1 to 40 pieces each, drawn by a fixed linear
/// congruential generator: the same texts on every run, so a failure is reproducible.
template <class Check>
void for_each_random_text(const std::vector<std::string>& pieces, int rounds, Check&& check) {
  std::uint32_t seed = 12345;
  for (int round = 0; round < rounds; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(seed % 40);
    for (int k = 0; k < n; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 8) % pieces.size()];
    }
    check(text);
  }
}

}  // namespace cipherexplain::config_checks
