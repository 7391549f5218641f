// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a string or vector holds on the heap, for the memory_bytes() figures of trees and
// evaluations.

#include <cstddef>
#include <string>
#include <vector>

namespace cipherexplain::detail {

/// None while the string fits the small-string buffer inside the object.
[[nodiscard]] inline std::size_t heap_bytes(const std::string& s) noexcept {
  return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
}

template <typename T>
[[nodiscard]] std::size_t heap_bytes(const std::vector<T>& v) noexcept {
  // T is often a pointer (const cipher*): the vector holds pointers, and their size is meant.
  return v.capacity() * sizeof(T);  // NOLINT(bugprone-sizeof-expression)
}

}  // namespace cipherexplain::detail
