// SPDX-License-Identifier: Apache-2.0
#include "config/reader_support.hpp"

#include "text/ascii.hpp"

#include <cipherexplain/supported.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace cipherexplain::detail {

namespace {

[[nodiscard]] std::uint32_t narrow(std::size_t v) noexcept {
  return static_cast<std::uint32_t>(
      std::min<std::size_t>(v, std::numeric_limits<std::uint32_t>::max()));
}

[[nodiscard]] bool has_wildcard(std::string_view s) noexcept {
  return s.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace

file_position loaded_file::position(std::size_t offset) const noexcept {
  offset = std::min(offset, text.size());
  const line_column at = lines.at(offset);
  // Columns count characters (starts_column); a UTF-8 byte order mark is no character.
  std::size_t start = lines.line_start(at.line);
  if (start == 0 && text.starts_with("\xEF\xBB\xBF")) start = std::min<std::size_t>(offset, 3);
  std::size_t from = start;
  std::size_t column = 1;
  if (memo_column_ != 0 && memo_start_ == start && memo_offset_ <= offset) {
    from = memo_offset_;
    column = memo_column_;
  }
  for (std::size_t i = from + 1; i <= offset && i < text.size(); ++i) {
    if (starts_column(text[i - 1], text[i])) ++column;
  }
  if (offset < text.size()) {
    memo_start_ = start;
    memo_offset_ = offset;
    memo_column_ = column;
  } else if (offset > start) {
    ++column;  // one past the last character
  }
  return {narrow(at.line), narrow(column)};
}

std::string loaded_file::directory() const {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {};
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

void value_builder::add_file(std::size_t offset, std::size_t length) {
  if (length == 0) return;
  // A piece that goes on where the last one ended extends it.
  if (!spans_.empty() && spans_.back().verbatim && offset == last_end_) {
    spans_.back().length += narrow(length);
  } else {
    const file_position p = file_->position(offset);
    spans_.push_back({narrow(value_.size()), narrow(length), p.line, p.column, true});
  }
  value_.append(file_->text, offset, length);
  last_end_ = offset + length;
}

void value_builder::add_made(std::string_view text, std::size_t origin) {
  if (text.empty()) return;
  const file_position p = file_->position(origin);
  spans_.push_back({narrow(value_.size()), narrow(text.size()), p.line, p.column, false});
  value_.append(text);
}

void value_builder::move_into(tls_setting& s) {
  s.value = std::move(value_);
  s.spans = std::move(spans_);
}

reading::reading(const config_tree& tree, const config_read_options& options, config_format format)
    : tree_(&tree), options_(options) {
  result_.format = format;
  result_.blocks.push_back({"global", -1, {}, 0});
}

std::shared_ptr<const loaded_file> reading::load(const std::string& path, std::size_t depth,
                                                 std::string& error) {
  if (result_.files.size() >= options_.max_files) {
    error = "more than " + std::to_string(options_.max_files) + " files; the rest are not read";
    return nullptr;
  }
  std::optional<std::string> text = tree_->read(path, error);
  if (!text) return nullptr;
  result_.files.push_back(path);
  stack_.push_back(path);
  return std::make_shared<const loaded_file>(path, std::move(*text), depth);
}

std::shared_ptr<const loaded_file> reading::open_main(const std::string& path, std::string text) {
  result_.files.push_back(path);
  stack_.push_back(path);
  return std::make_shared<const loaded_file>(path, std::move(text), 0);
}

std::shared_ptr<const loaded_file> reading::open_included(const std::string& path,
                                                          const loaded_file& from,
                                                          std::size_t offset, bool optional) {
  if (std::find(stack_.begin(), stack_.end(), path) != stack_.end()) {
    add_error(from, offset, "include cycle: " + path + " includes itself");
    return nullptr;
  }
  if (from.depth + 1 > options_.max_include_depth) {
    add_error(from, offset,
              "includes nested deeper than " + std::to_string(options_.max_include_depth) + "; " +
                  path + " is not read");
    return nullptr;
  }
  std::string error;
  auto f = load(path, from.depth + 1, error);
  if (!f && !optional) add_error(from, offset, "cannot read included " + path + ": " + error);
  return f;
}

std::vector<std::string> reading::expand(const std::string& pattern) const {
  if (!has_wildcard(pattern)) return {pattern};
  return tree_->glob(pattern);
}

void reading::close(const loaded_file& file) {
  if (!stack_.empty() && stack_.back() == file.path) stack_.pop_back();
}

std::int32_t reading::add_block(std::string name, std::int32_t parent, const loaded_file& file,
                                std::size_t offset) {
  result_.blocks.push_back({std::move(name), parent, file.path, file.position(offset).line});
  return static_cast<std::int32_t>(result_.blocks.size() - 1);
}

void reading::rename_block(std::int32_t index, std::string name) {
  result_.blocks[static_cast<std::size_t>(index)].name = std::move(name);
}

tls_setting& reading::add_setting(const loaded_file& file, std::size_t offset,
                                  std::string directive, setting_kind kind, setting_role role,
                                  std::int32_t block, value_builder value) {
  tls_setting& s = result_.settings.emplace_back();
  s.format = result_.format;
  s.file = file.path;
  const file_position p = file.position(offset);
  s.line = p.line;
  s.column = p.column;
  s.directive = std::move(directive);
  s.kind = kind;
  s.role = role;
  s.block = block;
  value.move_into(s);
  ranks_.push_back(0);
  accumulates_.push_back(false);
  return s;
}

void reading::rank(const tls_setting& s, int rank) {
  ranks_[static_cast<std::size_t>(&s - result_.settings.data())] = rank;
}

void reading::accumulate(const tls_setting& s) {
  accumulates_[static_cast<std::size_t>(&s - result_.settings.data())] = true;
}

void reading::add_error(const loaded_file& file, std::size_t offset, std::string message) {
  const file_position p = file.position(offset);
  result_.errors.push_back({file.path, p.line, p.column, std::move(message)});
}

void reading::add_file_error(const std::string& path, std::string message) {
  result_.errors.push_back({path, 0, 0, std::move(message)});
}

config_read_result reading::finish() {
  // Per kind, role and block, the highest rank and then the last setting counts; one that
  // accumulates keeps the one before it in force.
  std::map<std::tuple<setting_kind, setting_role, std::int32_t>, std::size_t> best;
  for (std::size_t i = 0; i < result_.settings.size(); ++i) {
    const tls_setting& s = result_.settings[i];
    const auto key = std::make_tuple(s.kind, s.role, s.block);
    auto it = best.find(key);
    if (it == best.end()) {
      best.emplace(key, i);
      continue;
    }
    if (ranks_[i] >= ranks_[it->second]) {
      if (!accumulates_[i]) result_.settings[it->second].effective = false;
      it->second = i;
    } else {
      result_.settings[i].effective = false;
    }
  }
  return std::move(result_);
}

std::optional<std::uint16_t> protocol_by_name(std::string_view name) noexcept {
  struct entry {
    std::string_view name;
    std::uint16_t version;
  };
  static constexpr entry names[] = {{"SSLv3", version::sslv3},     {"TLSv1", version::tlsv1},
                                    {"TLSv1.0", version::tlsv1},   {"TLSv1.1", version::tlsv1_1},
                                    {"TLSv1.2", version::tlsv1_2}, {"TLSv1.3", version::tlsv1_3}};
  for (const entry& e : names) {
    if (equal_ignoring_case(e.name, name)) return e.version;
  }
  return std::nullopt;
}

}  // namespace cipherexplain::detail
