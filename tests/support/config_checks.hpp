// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checks every configuration reader's result must pass, shared by the reader tests.

#include <cipherexplain/config_file.hpp>

#include <gtest/gtest.h>

#include <cstddef>

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

}  // namespace cipherexplain::config_checks
