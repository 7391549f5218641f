// SPDX-License-Identifier: Apache-2.0
#pragma once
// openssl.cnf as NCONF_load reads it (openssl/openssl master, crypto/conf/conf_def.c def_load_bio,
// clear_comments, str_copy, process_include, get_next_file; the character classes of
// crypto/conf/keysets.pl, "default" method): the sections, each a list of name = value
// entries with their values expanded, in memory. Included by openssl_cnf_reader.cpp only.
// - a line ending in one backslash goes on on the next; trailing CR/LF are dropped; the
//   first file may start with a UTF-8 BOM (skipped by master's def_load_bio);
// - '#' starts a comment outside quotes; ', " and ` quote (a backslash inside protects the
//   next character; an unterminated quote runs to the end of the line, silently); outside
//   quotes \r \n \b \t are escapes, a backslash before anything else keeps that character;
// - [ name ] opens (or reopens) a section, blanks around and inside the name allowed;
//   `sec::name = value` sets in another section; `name` is letters, digits and
//   _ ! . % & * + , / ; ? @ ^ ~ | - (and $ with .pragma dollarid:on);
// - $name, ${name}, $(name), $sec::name, ${sec::name} expand to a value set on an earlier
//   line (the section's, else the default section's; ENV:: is the environment); with
//   dollarid:on only the braced forms expand; an unknown name or an expansion past 64 KiB
//   fails the file;
// - a name set again in a section replaces the earlier entry, which leaves the list;
// - .include [=] PATH (expanded) reads a file or, for a directory, its files ending in
//   ".conf" or ".cnf" (any case), in directory order; a directory inside one is refused;
//   relative paths are relative to the working directory, or to .pragma includedir:DIR;
//   a missing file is skipped; the included lines go on in the current section;
// - .pragma [=] key:value sets dollarid / abspath (on, off, true, false) or includedir
//   (3.0+: OpenSSL 1.1.1 has no .pragma, and the line fails for want of an '=');
// - any other error (no '=', no ']') makes NCONF_load fail: none of the file applies.

#include "config/openssl_cnf_model.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::detail::openssl_cnf {

class parser {
 public:
  explicit parser(reading& r) : r_(r) {}

  model& result() noexcept { return m_; }

  void read(const loaded_file& f) {
    budget_ += 64 * f.text.size();
    const std::string& s = f.text;
    std::size_t i = 0;
    if (first_ && s.starts_with("\xEF\xBB\xBF")) i = 3;
    first_ = false;
    line_buffer line;
    while (i < s.size()) {
      std::size_t end = s.find('\n', i);
      if (end == std::string::npos) end = s.size();
      std::size_t stop = end;
      while (stop > i && (s[stop - 1] == '\r' || s[stop - 1] == '\n')) --stop;
      for (std::size_t k = i; k < stop; ++k) {
        line.text.push_back(s[k]);
        line.offset.push_back(k);
      }
      i = end + 1;
      const std::size_t n = line.text.size();
      if (n >= 1 && line.text[n - 1] == '\\' && (n == 1 || line.text[n - 2] != '\\') &&
          i < s.size()) {
        line.text.pop_back();
        line.offset.pop_back();
        continue;  // a continuation: the next line goes on this one
      }
      if (n >= 1 && line.text[n - 1] == '\\' && (n == 1 || line.text[n - 2] != '\\')) {
        line.text.pop_back();
        line.offset.pop_back();
      }
      line.offset.push_back(stop);  // the terminating NUL's place
      line.text.push_back('\0');
      process(f, line);
      line.text.clear();
      line.offset.clear();
    }
  }

 private:
  void fail(const loaded_file& f, std::size_t offset, const std::string& why) {
    r_.add_error(f, offset, why + " (NCONF_load fails: none of this configuration applies)");
  }

  [[nodiscard]] static std::size_t scan_esc(const line_buffer& b, std::size_t i) {
    return b.at(i + 1) == '\0' ? i + 1 : i + 2;
  }
  [[nodiscard]] static std::size_t eat_ws(const line_buffer& b, std::size_t i) {
    while (is_ws(b.at(i))) ++i;
    return i;
  }
  static void trim_ws(line_buffer& b, std::size_t start) {
    std::size_t e = start + b.length_from(start);
    while (e > start && is_ws(b.text[e - 1])) --e;
    b.cut(e);
  }
  [[nodiscard]] std::size_t eat_name(const line_buffer& b, std::size_t i) const {
    for (;;) {
      const char c = b.at(i);
      if (c == '\\') {
        i = scan_esc(b, i);
        continue;
      }
      if (!(is_alnum(c) || is_punct(c) || (dollarid_ && c == '$'))) return i;
      ++i;
    }
  }

  static void clear_comments(line_buffer& b) {
    std::size_t i = eat_ws(b, 0);
    for (;;) {
      const char c = b.at(i);
      if (c == '#') return b.cut(i);
      if (c == '\0') return;
      if (is_quote(c)) {
        ++i;
        while (b.at(i) != '\0' && b.at(i) != c) {
          if (b.at(i) == '\\' && b.at(++i) == '\0') break;
          ++i;
        }
        if (b.at(i) == c) ++i;
      } else if (c == '\\') {
        i = scan_esc(b, i);
      } else {
        ++i;
      }
    }
  }

  void process(const loaded_file& f, line_buffer& b) {
    clear_comments(b);
    std::size_t s = eat_ws(b, 0);
    if (b.at(s) == '\0') return;
    if (b.at(s) == '[') return header(f, b, s);
    const std::size_t pname0 = s;
    std::size_t pname = s;
    std::size_t end = eat_name(b, s);
    std::string psection = section_;
    if (b.at(end) == ':' && b.at(end + 1) == ':') {
      psection = b.text.substr(pname, end - pname);
      pname = end + 2;
      end = eat_name(b, pname);
    }
    std::size_t p = eat_ws(b, end);
    for (std::string_view word : {std::string_view(".pragma"), std::string_view(".include")}) {
      if (b.text.compare(pname, word.size(), word) != 0) continue;
      const std::size_t after = pname + word.size();
      if (p == after && b.at(p) != '=') continue;
      if (b.at(p) == '=') p = eat_ws(b, p + 1);
      trim_ws(b, p);
      if (word == ".pragma") return pragma(f, b, p);
      return include(f, b, psection, p);
    }
    if (b.at(p) != '=') return fail(f, b.origin(p), "missing equal sign");
    const std::string name = b.text.substr(pname, end - pname);
    const std::size_t start = eat_ws(b, p + 1);
    trim_ws(b, start);
    value_builder v(f);
    if (!copy(f, b, start, psection, v)) return;
    m_.add(psection, {name, std::move(v), &f, b.origin(pname0), true});
  }

  void header(const loaded_file& f, line_buffer& b, std::size_t s) {
    const std::size_t start = eat_ws(b, s + 1);
    std::size_t ss = start, end = start, p = start;
    for (;;) {
      end = eat_name(b, ss);
      p = eat_ws(b, end);
      if (b.at(p) == ']') break;
      if (b.at(p) == '\0' || ss == p) return fail(f, b.origin(s), "missing close square bracket");
      ss = p;
    }
    b.cut(end);
    value_builder v(f);
    if (!copy(f, b, start, std::nullopt, v)) return;
    section_ = v.value();
    section& sec = m_.sections[m_.section_index(section_)];
    if (sec.file == nullptr) {
      sec.file = &f;
      sec.at = b.origin(s);
    }
  }

  void pragma(const loaded_file& f, line_buffer& b, std::size_t p) {
    const std::size_t colon = b.text.find(':', p);
    if (colon == std::string::npos || colon >= p + b.length_from(p) || colon == p ||
        b.at(colon + 1) == '\0')
      return fail(f, b.origin(p), "invalid pragma");
    b.cut(colon);
    trim_ws(b, p);
    const std::string key = b.text.substr(p, b.length_from(p));
    const std::size_t v = eat_ws(b, colon + 1);
    const std::string value = b.text.substr(v, b.length_from(v));
    if (key == "dollarid" || key == "abspath") {
      bool on = false;
      if (equal_ignoring_case(value, "on") || equal_ignoring_case(value, "true")) {
        on = true;
      } else if (!equal_ignoring_case(value, "off") && !equal_ignoring_case(value, "false")) {
        return fail(f, b.origin(v), "invalid pragma");
      }
      (key == "dollarid" ? dollarid_ : abspath_) = on;
    } else if (key == "includedir") {
      includedir_ = value;
    }
  }

  void include(const loaded_file& f, line_buffer& b, const std::string& psection, std::size_t p) {
    value_builder v(f);
    if (!copy(f, b, p, psection, v)) return;
    std::string path = v.value();
    if (includedir_ && !path.starts_with('/')) {
      path = *includedir_ + (includedir_->ends_with('/') ? "" : "/") + path;
    }
    const std::size_t at = b.origin(p);
    if (abspath_ && !path.starts_with('/')) return fail(f, at, "relative path " + path);
    const std::string resolved = r_.tree().resolve(path, "");
    if (r_.tree().is_directory(resolved)) {
      if (in_directory_) {
        r_.add_error(f, at, "recursive directory include of " + resolved + " (skipped)");
        return;
      }
      std::string dir = resolved;
      while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
      std::vector<std::string> files = r_.tree().glob(dir + "/*");
      for (std::string& hidden : r_.tree().glob(dir + "/.*")) files.push_back(std::move(hidden));
      std::sort(files.begin(), files.end());
      in_directory_ = true;
      for (const std::string& file : files) {
        const std::string name = file.substr(file.rfind('/') + 1);
        const std::string lower = ascii_lowered(name);
        if ((name.size() > 5 && lower.ends_with(".conf")) ||
            (name.size() > 4 && lower.ends_with(".cnf")))
          open(f, at, file);
      }
      in_directory_ = false;
      return;
    }
    open(f, at, resolved);
  }

  void open(const loaded_file& f, std::size_t at, const std::string& path) {
    const std::size_t errors = r_.result().errors.size();
    auto included = r_.open_included(path, f, at, true);
    if (!included) {
      if (r_.result().errors.size() == errors) {
        std::string error;
        (void)r_.tree().read(path, error);
        r_.add_error(f, at, "cannot read included " + path + ": " + error + " (OpenSSL skips it)");
      }
      return;
    }
    keep_.push_back(included);
    read(*included);
    r_.close(*included);
  }

  // str_copy: the value from b[i] on, unquoted, unescaped and expanded, into v.
  bool copy(const loaded_file& f, const line_buffer& b, std::size_t i,
            const std::optional<std::string>& sec, value_builder& v) {
    const std::size_t stop = i + b.length_from(i);
    for (;;) {
      const char c = b.at(i);
      if (c == '\0') return true;
      if (is_quote(c)) {
        const std::size_t open = i;
        for (++i; b.at(i) != '\0' && b.at(i) != c; ++i) {
          if (b.at(i) == '\\' && b.at(++i) == '\0') break;
          v.add_file(b.origin(i), 1);
        }
        if (b.at(i) == c) {
          ++i;
        } else {
          r_.add_error(f, b.origin(open),
                       std::string("unterminated ") + c +
                           " quote: OpenSSL takes the rest of the line, '#' "
                           "included, as quoted");
        }
      } else if (c == '\\') {
        const char n = b.at(i + 1);
        if (n == '\0') return true;
        const char* made = n == 'r'   ? "\r"
                           : n == 'n' ? "\n"
                           : n == 'b' ? "\b"
                           : n == 't' ? "\t"
                                      : nullptr;
        if (made != nullptr) {
          v.add_made(made, b.origin(i));
        } else {
          v.add_file(b.origin(i + 1), 1);
        }
        i += 2;
      } else if (c == '$' && (!dollarid_ || b.at(i + 1) == '{' || b.at(i + 1) == '(')) {
        if (!expand(f, b, i, stop, sec, v)) return false;
      } else {
        v.add_file(b.origin(i), 1);
        ++i;
      }
    }
  }

  bool expand(const loaded_file& f, const line_buffer& b, std::size_t& i, std::size_t stop,
              const std::optional<std::string>& sec, value_builder& v) {
    const std::size_t dollar = i;
    std::size_t s = i + 1;
    const char close = b.at(s) == '{' ? '}' : b.at(s) == '(' ? ')' : '\0';
    if (close != '\0') ++s;
    const auto var_char = [&](char ch) { return is_alnum(ch) || (dollarid_ && ch == '$'); };
    std::size_t e = s;
    while (var_char(b.at(e))) ++e;
    std::optional<std::string> cp = sec;
    std::size_t np = s;
    if (b.at(e) == ':' && b.at(e + 1) == ':') {
      cp = b.text.substr(s, e - s);
      e += 2;
      np = e;
      while (var_char(b.at(e))) ++e;
    }
    const std::string name = b.text.substr(np, e - np);
    if (close != '\0') {
      if (b.at(e) != close) {
        fail(f, b.origin(dollar), "no close brace");
        return false;
      }
      ++e;
    }
    const entry* found = cp ? m_.get(*cp, name) : nullptr;
    if (found == nullptr && cp == "ENV") {
      r_.add_error(f, b.origin(dollar),
                   "$ENV::" + name + " is the environment variable " + name +
                       ", which the reader does not know (left empty)");
      i = e;
      return true;
    }
    if (found == nullptr) found = m_.get("default", name);
    if (found == nullptr) {
      fail(f, b.origin(dollar), "variable has no value: " + name);
      return false;
    }
    const std::string& text = found->value.value();
    if (v.value().size() + text.size() + (stop > e ? stop - e : 0) > 65536) {
      fail(f, b.origin(dollar), "variable expansion too long");
      return false;
    }
    if (expanded_ + text.size() > budget_ + (std::size_t{1} << 20)) {
      r_.add_error(f, b.origin(dollar),
                   "variable expansions pass the reader's limit (64 times "
                   "the input); not expanded");
      i = e;
      return true;
    }
    expanded_ += text.size();
    v.add_made(text, b.origin(dollar));
    i = e;
    return true;
  }

  reading& r_;
  model m_;
  std::string section_ = "default";
  bool first_ = true, dollarid_ = false, abspath_ = false, in_directory_ = false;
  std::optional<std::string> includedir_;
  std::size_t budget_ = 0, expanded_ = 0;
  std::vector<std::shared_ptr<const loaded_file>> keep_;
};

}  // namespace cipherexplain::detail::openssl_cnf
