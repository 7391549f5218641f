// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/source_text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain {

std::string to_string(const line_column& position) {
  return fmt::format("{}:{}", position.line, position.column);
}

line_index::line_index(std::string_view text) : starts_{0}, size_(text.size()) {
  for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1))
    starts_.push_back(nl + 1);
}

line_column line_index::at(std::size_t offset) const noexcept {
  offset = std::min(offset, size_);
  // The last line that starts at or before the offset.
  const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  return {static_cast<std::size_t>(line - starts_.begin()) + 1, offset - *line + 1};
}

std::size_t line_index::line_start(std::size_t line) const noexcept {
  return starts_[std::clamp<std::size_t>(line, 1, starts_.size()) - 1];
}

std::size_t line_index::line_end(std::size_t line) const noexcept {
  line = std::clamp<std::size_t>(line, 1, starts_.size());
  return line == starts_.size() ? size_ : starts_[line] - 1;
}

}  // namespace cipherexplain
