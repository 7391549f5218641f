// SPDX-License-Identifier: Apache-2.0
#pragma once
// Postfix's $name expansion, on text whose every byte is traced back to a file (or to a
// built-in default), for the Postfix reader only. Semantics of vdukhovni/postfix
// postfix/src/util/mac_parse.c and mac_expand.c (v3.7.11), in our own code:
// - "$$" is one '$'; "$name" takes [A-Za-z0-9_]*; "${...}" and "$(...)" run to the matching
//   close of the same kind; an empty name or a missing close is a syntax error, which makes
//   dict_eval() fatal ("macro processing error");
// - inside braces: "name" (its value, expanded again: the daemons expand recursively),
//   "name?text" / "name?{text}" (text when the value is non-empty), "name:text" /
//   "name:{text}" (text when it is undefined or empty), "name?{t}:{f}"; whitespace around a
//   name and around {} operands is skipped; the test looks at the value as stored, not
//   expanded;
// - "{a} OP {b}" with ==, !=, <, <=, >=, > (numeric when both sides are all digits) and the
//   "level" suffix mail_conf registers (compat_level.c: compatibility levels compared part by
//   part), giving "true" or "" and taking ?/: as above;
// - an undefined name expands to nothing (MAC_PARSE_UNDEF is no error).
// Postfix gives up past 100 nested calls; this reader past 32 (no deeper recursion than the
// include depth limit), and bounds the work and the size of each expansion.

#include "config/reader_support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::postfix {

/// A run of a traced text: bytes of a file as written (verbatim), or text made by Postfix
/// from file byte `at` (a default has no file).
struct piece {
  std::size_t offset = 0, length = 0;  // in the text
  const loaded_file* file = nullptr;
  std::size_t at = 0;
  bool verbatim = false;
};

class traced {
 public:
  void add_file(const loaded_file& f, std::size_t offset, std::size_t length) {
    if (length == 0) return;
    if (!pieces_.empty() && pieces_.back().verbatim && pieces_.back().file == &f &&
        pieces_.back().at + pieces_.back().length == offset) {
      pieces_.back().length += length;
    } else {
      pieces_.push_back({text_.size(), length, &f, offset, true});
    }
    text_.append(f.text, offset, length);
  }
  void add_made(std::string_view s, const loaded_file* f, std::size_t origin) {
    if (s.empty()) return;
    pieces_.push_back({text_.size(), s.size(), f, origin, false});
    text_.append(s);
  }
  /// Appends other's text [from, from + length) with where it comes from.
  void append(const traced& other, std::size_t from, std::size_t length) {
    for_each(other, from, length, [&](const piece& p, std::size_t skip, std::size_t n) {
      if (p.verbatim) {
        add_file(*p.file, p.at + skip, n);
      } else {
        add_made(std::string_view(other.text_).substr(p.offset + skip, n), p.file, p.at);
      }
    });
  }
  void append(const traced& other) { append(other, 0, other.text_.size()); }
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  [[nodiscard]] std::size_t size() const noexcept { return text_.size(); }
  /// Where the byte at `offset` is written in `f` (what made it, when made), else `fallback`.
  [[nodiscard]] std::size_t file_offset(std::size_t offset, const loaded_file& f,
                                        std::size_t fallback) const {
    std::size_t out = fallback;
    for_each(*this, offset, 1, [&](const piece& p, std::size_t skip, std::size_t) {
      if (p.file == &f) out = p.verbatim ? p.at + skip : p.at;
    });
    return out;
  }
  /// Adds [from, from + length) to a value of file `f`: what `f` holds as it is, text from
  /// other files and defaults as made by `fallback`.
  void into(value_builder& v, const loaded_file& f, std::size_t fallback, std::size_t from,
            std::size_t length) const {
    for_each(*this, from, length, [&](const piece& p, std::size_t skip, std::size_t n) {
      if (p.verbatim && p.file == &f) {
        v.add_file(p.at + skip, n);
      } else {
        v.add_made(std::string_view(text_).substr(p.offset + skip, n),
                   p.file == &f ? p.at : fallback);
      }
    });
  }
  void into(value_builder& v, const loaded_file& f, std::size_t fallback) const {
    into(v, f, fallback, 0, text_.size());
  }

 private:
  template <typename Fn>
  static void for_each(const traced& t, std::size_t from, std::size_t length, Fn&& fn) {
    const std::size_t end = std::min(from + length, t.text_.size());
    auto it = std::upper_bound(t.pieces_.begin(), t.pieces_.end(), from,
                               [](std::size_t o, const piece& p) { return o < p.offset; });
    if (it != t.pieces_.begin()) --it;
    for (; it != t.pieces_.end() && it->offset < end; ++it) {
      const std::size_t a = std::max(from, it->offset);
      const std::size_t b = std::min(end, it->offset + it->length);
      if (a < b) fn(*it, a - it->offset, b - a);
    }
  }

  std::string text_;
  std::vector<piece> pieces_;
};

/// What all the expansions of one reading may still produce (memory stays bounded).
struct expansion_budget {
  std::size_t bytes = std::size_t{64} << 20;
};

class expander {
 public:
  /// A parameter's value as stored (unexpanded), or null when it is undefined.
  using lookup_fn = std::function<const traced*(std::string_view name)>;
  static constexpr int max_depth = 32;
  static constexpr std::size_t max_size = std::size_t{64} << 10;
  static constexpr std::size_t max_steps = 100000;

  expander(lookup_fn lookup, expansion_budget& budget)
      : lookup_(std::move(lookup)), budget_(&budget) {}

  /// Expands `source` into `out`; false on an error (error(), at an offset of source).
  bool run(const traced& source, traced& out) {
    top_ = &source;
    top_at_ = 0;
    steps_ = 0;
    error_.clear();
    if (!parse(source, 0, source.size(), out, 0)) return false;
    if (out.size() > budget_->bytes)
      return fail("expansions exceed what this reader keeps; not expanded", 0, source);
    budget_->bytes -= out.size();
    return true;
  }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] std::size_t error_offset() const noexcept { return error_at_; }
  /// The undefined names met (each once), which expanded to nothing.
  [[nodiscard]] const std::vector<std::string>& undefined() const noexcept { return undefined_; }

 private:
  static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  static bool is_name(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  static std::size_t skip_space(const std::string& s, std::size_t i, std::size_t to) {
    while (i < to && is_space(s[i])) ++i;
    return i;
  }

  bool fail(std::string message, std::size_t at, const traced& src) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_at_ = &src == top_ ? at : top_at_;
    }
    return false;
  }

  bool parse(const traced& src, std::size_t from, std::size_t to, traced& out, int depth) {
    if (depth > max_depth) return fail("unreasonable macro call nesting", from, src);
    const std::string& s = src.text();
    std::size_t literal = from;
    std::size_t i = from;
    while (i < to) {
      if (s[i] != '$') {
        ++i;
        continue;
      }
      if (i + 1 < to && s[i + 1] == '$') {  // "$$" is one '$'
        out.append(src, literal, i + 1 - literal);
        i += 2;
        literal = i;
        continue;
      }
      out.append(src, literal, i - literal);
      if (&src == top_) top_at_ = i;
      const std::size_t dollar = i++;
      std::size_t name_from = i, name_to = i;
      if (i < to && (s[i] == '{' || s[i] == '(')) {
        const char open = s[i], close = open == '{' ? '}' : ')';
        int level = 1;
        std::size_t j = i + 1;
        for (; j < to && level > 0; ++j) {
          if (s[j] == open) ++level;
          if (s[j] == close) --level;
        }
        if (level > 0) return fail("truncated macro reference", dollar, src);
        name_from = i + 1;
        name_to = j - 1;
        i = j;
      } else {
        while (i < to && is_name(s[i])) ++i;
        name_to = i;
      }
      if (name_from == name_to) return fail("empty macro name", dollar, src);
      if (!expression(src, name_from, name_to, out, depth + 1)) return false;
      literal = i;
      if (out.size() > max_size) return fail("expands to more than 64 KiB", dollar, src);
    }
    out.append(src, literal, to - literal);
    return true;
  }

  // The payload of "{...}" at s[i] == '{' (braces balanced); [a, b) and i after the close
  // and the whitespace after it.
  bool curly(const traced& src, std::size_t& i, std::size_t to, std::size_t& a, std::size_t& b) {
    const std::string& s = src.text();
    int level = 1;
    std::size_t j = i + 1;
    for (; j < to; ++j) {
      if (s[j] == '{') ++level;
      if (s[j] == '}' && --level == 0) break;
    }
    if (j >= to) return fail("unbalanced {} in attribute expression", i, src);
    a = i + 1;
    b = j;
    i = skip_space(s, j + 1, to);
    return true;
  }

  bool expression(const traced& src, std::size_t from, std::size_t to, traced& out, int depth) {
    if (++steps_ > max_steps) return fail("expansion takes too many steps", from, src);
    const std::string& s = src.text();
    std::size_t i = skip_space(s, from, to);
    char op = 0;
    const traced* value = nullptr;
    traced relational;
    if (i < to && s[i] == '{') {
      if (!compare(src, i, to, relational, depth)) return false;
      value = &relational;
      if (i < to) {
        op = s[i];
        if (op != '?' && op != ':') return fail("\"?\" or \":\" expected", i, src);
        ++i;
      }
    } else {
      const std::size_t start = i;
      for (;; ++i) {
        const std::size_t after = skip_space(s, i, to);
        if (after == to) break;
        if (s[after] == '?' || s[after] == ':') {
          op = s[after];
          break;
        }
        if (!is_name(s[i])) return fail("attribute name syntax error", i, src);
      }
      const std::string name = s.substr(start, i - start);
      if (op != 0) i = skip_space(s, i, to) + 1;
      value = lookup_(name);
      if (value == nullptr && op == 0 &&
          std::find(undefined_.begin(), undefined_.end(), name) == undefined_.end())
        undefined_.push_back(name);
    }
    const bool non_empty = value != nullptr && value->size() > 0;
    if (op == 0) {
      if (!non_empty) return true;
      return parse(*value, 0, value->size(), out, depth);
    }
    std::size_t a = i, b = to;
    if (op == '?') {
      const std::size_t brace = skip_space(s, i, to);
      if (brace < to && s[brace] == '{') {
        i = brace;
        if (!curly(src, i, to, a, b)) return false;
      } else {
        i = to;
      }
      if (non_empty && !parse(src, a, b, out, depth)) return false;
      if (i == to) return true;
      if (s[i] != ':') return fail("\":\" expected", i, src);
      ++i;
      a = i;
      b = to;
    }
    const std::size_t brace = skip_space(s, i, to);
    if (brace < to && s[brace] == '{') {
      i = brace;
      if (!curly(src, i, to, a, b)) return false;
    } else {
      i = to;
    }
    if (!non_empty && !parse(src, a, b, out, depth)) return false;
    if (i != to) return fail("unexpected input", i, src);
    return true;
  }

  // "{a} OP {b}" at s[i]; the result ("true" or "") in `result`, i after it.
  bool compare(const traced& src, std::size_t& i, std::size_t to, traced& result, int depth) {
    const std::string& s = src.text();
    std::size_t la = 0, lb = 0, ra = 0, rb = 0;
    if (!curly(src, i, to, la, lb)) return false;
    std::size_t op_end = i;
    while (op_end < to && std::string_view("<>!=?+-*/~&|%").find(s[op_end]) != std::string::npos)
      ++op_end;
    const std::string op = s.substr(i, op_end - i);
    if (op != "==" && op != "!=" && op != "<" && op != "<=" && op != ">=" && op != ">")
      return fail("\"==\", \"!=\", \"<\", \"<=\", \">=\" or \">\" expected", i, src);
    i = op_end;
    bool level = false;
    if (i < to && is_name(s[i])) {
      std::size_t e = i;
      while (e < to && is_name(s[e])) ++e;
      if (s.compare(i, e - i, "level") != 0) return fail("bad operator suffix", i, src);
      level = true;
      i = e;
    }
    i = skip_space(s, i, to);
    if (i >= to || s[i] != '{') return fail("\"{expression}\" expected", i, src);
    if (!curly(src, i, to, ra, rb)) return false;
    traced left, right;
    if (!parse(src, la, lb, left, depth) || !parse(src, ra, rb, right, depth)) return false;
    int delta = 0;
    if (level) {
      if (!compare_levels(left.text(), right.text(), delta))
        return fail("bad compatibility level", la, src);
    } else if (all_digits(left.text()) && all_digits(right.text())) {
      delta = compare_numbers(left.text(), right.text());
    } else {
      const int c = left.text().compare(right.text());
      delta = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    const bool yes = op == "=="   ? delta == 0
                     : op == "!=" ? delta != 0
                     : op == "<"  ? delta < 0
                     : op == "<=" ? delta <= 0
                     : op == ">=" ? delta >= 0
                                  : delta > 0;
    if (yes) result.add_made("true", nullptr, 0);
    return true;
  }

  static bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  // Compares two digit strings as numbers (of any length).
  static int compare_numbers(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  // Compatibility levels: "3", "3.6", "3.6.1" (compat_level_from_string), part by part.
  static bool compare_levels(std::string_view a, std::string_view b, int& delta) {
    std::string_view x[3], y[3];
    if (!level_parts(a, x) || !level_parts(b, y)) return false;
    delta = 0;
    for (int k = 0; k < 3 && delta == 0; ++k) delta = compare_numbers(x[k], y[k]);
    return true;
  }
  static bool level_parts(std::string_view s, std::string_view (&parts)[3]) {
    if (s.empty()) return false;
    for (std::string_view& p : parts) p = "0";
    for (std::string_view& p : parts) {
      if (s.empty()) break;
      const std::size_t dot = s.find('.');
      p = s.substr(0, dot);
      if (!all_digits(p)) return false;
      s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
      if (dot != std::string_view::npos && s.empty()) return false;
    }
    return s.empty();
  }

  lookup_fn lookup_;
  expansion_budget* budget_;
  const traced* top_ = nullptr;
  std::size_t top_at_ = 0;
  std::size_t steps_ = 0;
  std::string error_;
  std::size_t error_at_ = 0;
  std::vector<std::string> undefined_;
};

}  // namespace cipherexplain::detail::postfix
