// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading the catalog data files: lines, TSV rows by column name, and errors that name the file
// and line, so that a bad edit to catalogs/ is easy to find.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain::detail {

[[nodiscard]] inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Calls f on each part of s between separators, without building a vector: parsing a catalog
// is on the CLI's start-up path, and per-field vectors were most of its cost.
template <typename F>
void for_each_part(std::string_view s, char sep, F&& f) {
  while (true) {
    const std::size_t pos = s.find(sep);
    f(s.substr(0, pos));
    if (pos == std::string_view::npos) return;
    s.remove_prefix(pos + 1);
  }
}

/// The words of s separated by blanks.
[[nodiscard]] inline std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  for_each_part(s, ' ', [&](std::string_view w) {
    w = trim(w);
    if (!w.empty()) out.push_back(w);
  });
  return out;
}

/// Where in which data file a value was read, for error messages.
class data_error_context {
 public:
  data_error_context(std::string_view file, std::size_t line) : file_(file), line_(line) {}
  [[noreturn]] void fail(std::string_view what) const {
    throw std::runtime_error(fmt::format("{}:{}: {}", file_, line_, what));
  }

 private:
  std::string_view file_;
  std::size_t line_;
};

/// A TSV file with a header row; rows are looked up by column name so columns can be
/// reordered. Lines starting with '#' are comments. All cells live in one vector.
class tsv {
 public:
  tsv(std::string_view text, std::string_view file) : file_(file) {
    std::size_t line_no = 0;
    std::vector<std::pair<std::size_t, std::size_t>> starts;  // (line, first cell)
    for_each_part(text, '\n', [&](std::string_view line) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') return;
      const std::size_t first = cells_.size();
      for_each_part(line, '\t', [&](std::string_view cell) { cells_.push_back(cell); });
      const std::size_t count = cells_.size() - first;
      if (header_ == 0) {
        header_ = count;
        return;
      }
      if (count != header_) {
        data_error_context(file_, line_no)
            .fail(fmt::format("{} columns, the header has {}", count, header_));
      }
      starts.emplace_back(line_no, first);
    });
    for (const auto& [line, first] : starts) {
      rows_.push_back({line, std::span<const std::string_view>(cells_).subspan(first, header_)});
    }
  }
  struct row {
    std::size_t line;
    std::span<const std::string_view> cells;
  };
  [[nodiscard]] const std::vector<row>& rows() const { return rows_; }
  [[nodiscard]] std::size_t column(std::string_view name) const {
    const auto header = std::span<const std::string_view>(cells_).first(header_);
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) data_error_context(file_, 1).fail(fmt::format("no column '{}'", name));
    return static_cast<std::size_t>(it - header.begin());
  }
  [[nodiscard]] std::string_view file() const { return file_; }

 private:
  std::string_view file_;
  std::size_t header_ = 0;  // columns; the header's cells come first in cells_
  std::vector<std::string_view> cells_;
  std::vector<row> rows_;
};

}  // namespace cipherexplain::detail
