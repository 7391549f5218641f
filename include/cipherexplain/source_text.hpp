// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Places in an input: byte ranges, and the line:column a person reads them as.

#include <cipherexplain/export.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// A byte range of an input.
struct CIPHEREXPLAIN_API source_range {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;

  [[nodiscard]] constexpr std::uint32_t end() const noexcept { return offset + length; }
  friend constexpr bool operator==(const source_range&, const source_range&) = default;
};

/// A 1-based line and column. Columns count bytes from the start of the line; a '\n' belongs
/// to the line it ends.
struct CIPHEREXPLAIN_API line_column {
  std::size_t line = 1;
  std::size_t column = 1;

  friend constexpr bool operator==(const line_column&, const line_column&) = default;
};

/// "3:7".
[[nodiscard]] CIPHEREXPLAIN_API std::string to_string(const line_column& position);

/// The lines of a text, found once, so that each position then costs a binary search: use one
/// index for all the positions in one input rather than counting lines from the start each time.
class CIPHEREXPLAIN_API line_index {
 public:
  /// @param text the input; only its line structure is kept, so it need not outlive the index
  explicit line_index(std::string_view text);

  /// The position of a byte offset; offsets past the end count as the end.
  [[nodiscard]] line_column at(std::size_t offset) const noexcept;
  /// The offset of the first byte of a line (1-based).
  [[nodiscard]] std::size_t line_start(std::size_t line) const noexcept;
  /// The offset one past the last byte of a line, not counting its '\n'.
  [[nodiscard]] std::size_t line_end(std::size_t line) const noexcept;
  [[nodiscard]] std::size_t line_count() const noexcept { return starts_.size(); }

 private:
  std::vector<std::size_t> starts_;  // offset of each line's first byte; [0] == 0
  std::size_t size_ = 0;
};

}  // namespace cipherexplain
