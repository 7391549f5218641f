// SPDX-License-Identifier: Apache-2.0
#pragma once
// Fitting text to the terminal: its width, tables that drop or wrap columns to fit, and words
// wrapped onto indented lines. Names are never cut: a word wider than the room overflows.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {

/// The width to fit: stdout's terminal (TIOCGWINSZ), else $COLUMNS, else 80.
[[nodiscard]] std::size_t output_width();

/// Display width of UTF-8 text: code points, not counting colour escapes.
[[nodiscard]] std::size_t display_width(std::string_view s);

/// At most the first `max_bytes` of `text`, ending on a UTF-8 character boundary: where an echo
/// of a long input is cut.
[[nodiscard]] std::string_view whole_characters(std::string_view text, std::size_t max_bytes);

/// How a table may be made to fit.
struct table_fit {
  std::size_t width = 0;                ///< 0: as wide as it is
  std::vector<std::size_t> drop_order;  ///< columns that may go, in order, while too wide
  std::optional<std::size_t> wrap;      ///< a last column whose cells may wrap at blanks
};

/// A plain-text table with aligned columns (cells may hold colour escapes). When too wide for
/// `fit.width`, the wrap column wraps within its room; when that leaves it under 20 columns,
/// columns of the drop order go one by one; when nothing else helps, the wrap column's text
/// goes on indented lines under its row.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<bool>& right_aligned,
                                       const table_fit& fit = {});

/// `text` (one line, no line feed) broken at blanks into lines of at most `width` columns, the
/// lines after the first indented by `indent` spaces; each line ends in a line feed.
[[nodiscard]] std::string wrapped(std::string_view text, std::size_t width, std::size_t indent);

}  // namespace cipherexplain::cli
