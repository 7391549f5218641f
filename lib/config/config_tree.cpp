// SPDX-License-Identifier: Apache-2.0
// Where readers find files: path resolution under a root, glob(3)-style matching, the real
// file system and files in memory.

#include <cipherexplain/config_file.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace cipherexplain {

namespace {

[[nodiscard]] std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

[[nodiscard]] bool has_wildcard(std::string_view s) noexcept {
  return s.find_first_of("*?[") != std::string_view::npos;
}

// One bracket expression at pattern[p] ('[' ... ']') against c; returns the index after it,
// or npos when the bracket is not closed (then '[' is an ordinary character).
[[nodiscard]] std::size_t match_bracket(std::string_view pattern, std::size_t p, char c,
                                        bool& matched) noexcept {
  std::size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool hit = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
    char hi = lo;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      hi = pattern[i + 2];
      if (hi == '\\' && i + 3 < pattern.size()) {
        hi = pattern[i + 3];
        ++i;
      }
      i += 2;
    }
    const auto uc = static_cast<unsigned char>(c);
    if (uc >= static_cast<unsigned char>(lo) && uc <= static_cast<unsigned char>(hi)) hit = true;
    ++i;
  }
  if (i >= pattern.size()) return std::string_view::npos;
  matched = hit != negate;
  return i + 1;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) noexcept {
  // The two-pointer match: on a mismatch, go back to just after the last '*' and let it
  // swallow one more character. Quadratic at worst in pattern x name, both one component.
  if (!name.empty() && name[0] == '.' && !pattern.empty() && pattern[0] != '.') {
    if (pattern[0] == '*' || pattern[0] == '?' || pattern[0] == '[') return false;
  }
  std::size_t p = 0, n = 0;
  std::size_t star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        star_p = p++;
        star_n = n;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++n;
        continue;
      }
      if (pc == '[') {
        bool matched = false;
        const std::size_t after = match_bracket(pattern, p, name[n], matched);
        if (after != std::string_view::npos) {
          if (matched) {
            p = after;
            ++n;
            continue;
          }
        } else if (name[n] == '[') {
          ++p;
          ++n;
          continue;
        }
      } else {
        char literal = pc;
        std::size_t width = 1;
        if (pc == '\\' && p + 1 < pattern.size()) {
          literal = pattern[p + 1];
          width = 2;
        }
        if (literal == name[n]) {
          p += width;
          ++n;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p + 1;
    n = ++star_n;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string config_tree::resolve(std::string_view written, std::string_view base) const {
  std::string out;
  if (!written.empty() && written.front() == '/') {
    std::string_view root = root_;
    while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
    if (root != "/") out = root;
    out += written;
    return out;
  }
  if (base.empty()) return std::string(written);
  out = base;
  if (out.back() != '/') out += '/';
  out += written;
  return out;
}

std::optional<std::string> filesystem_tree::read(const std::string& path,
                                                 std::string& error) const {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_file_size) {
      error = "larger than " + std::to_string(max_file_size >> 20) + " MiB";
      return std::nullopt;
    }
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> filesystem_tree::glob(const std::string& pattern) const {
  // Expanded one component at a time; a component without wildcards is taken as it is.
  std::vector<std::string> prefixes{""};
  const std::vector<std::string_view> parts = components(pattern);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const bool last = k + 1 == parts.size();
    std::vector<std::string> next;
    for (const std::string& prefix : prefixes) {
      const std::string_view part = parts[k];
      if (!has_wildcard(part)) {
        std::string path = prefix;
        if (k > 0) path += '/';
        path += part;
        next.push_back(std::move(path));
        continue;
      }
      const std::string dir = k == 0 ? "." : prefix.empty() ? "/" : prefix;
      std::error_code ec;
      std::vector<std::string> names;
      for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end;
           it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (glob_match(part, name)) names.push_back(std::move(name));
      }
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        std::string path = k == 0 ? std::string() : prefix;
        if (k > 0) path += '/';
        path += name;
        next.push_back(std::move(path));
      }
    }
    prefixes = std::move(next);
    if (last) break;
  }
  std::vector<std::string> files;
  for (std::string& p : prefixes) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) files.push_back(std::move(p));
  }
  return files;
}

bool filesystem_tree::is_directory(const std::string& path) const {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

std::optional<std::string> memory_tree::read(const std::string& path, std::string& error) const {
  const auto it = files_.find(path);
  if (it == files_.end()) {
    error = is_directory(path) ? "is a directory" : "No such file or directory";
    return std::nullopt;
  }
  if (it->second.size() > max_file_size) {
    error = "larger than " + std::to_string(max_file_size >> 20) + " MiB";
    return std::nullopt;
  }
  return it->second;
}

std::vector<std::string> memory_tree::glob(const std::string& pattern) const {
  const std::vector<std::string_view> want = components(pattern);
  std::vector<std::string> out;
  for (const auto& [path, text] : files_) {
    const std::vector<std::string_view> have = components(path);
    if (have.size() != want.size()) continue;
    bool all = true;
    for (std::size_t i = 0; i < want.size() && all; ++i) {
      all = has_wildcard(want[i]) ? glob_match(want[i], have[i]) : want[i] == have[i];
    }
    if (all) out.push_back(path);
  }
  return out;  // the map keeps them sorted byte-wise
}

bool memory_tree::is_directory(const std::string& path) const {
  std::string prefix = path;
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  const auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

file_position position_of(const tls_setting& s, std::size_t offset) noexcept {
  for (const value_span& span : s.spans) {
    if (offset >= span.value_offset && offset < span.value_offset + span.length) {
      if (!span.verbatim) return {span.line, span.column};
      // Columns count characters (starts_column) from the span's first one.
      std::uint32_t column = span.column;
      for (std::size_t i = span.value_offset + 1; i <= offset && i < s.value.size(); ++i) {
        if (starts_column(s.value[i - 1], s.value[i])) ++column;
      }
      return {span.line, column};
    }
  }
  if (s.spans.empty()) return {};
  const value_span& last = s.spans.back();
  if (!last.verbatim) return {last.line, last.column};
  if (last.length == 0) return {last.line, last.column};
  // One past the last character.
  const file_position end = position_of(s, last.value_offset + last.length - 1);
  return {end.line, end.column + 1};
}

}  // namespace cipherexplain
