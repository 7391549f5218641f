// SPDX-License-Identifier: Apache-2.0
#pragma once
// lighttpd's tokens and values. The tokenizer follows config_tokenizer() in src/configfile.c
// (lighttpd/lighttpd1.4, lighttpd-1.4.69):
// - blanks are ' ' and '\t' (and U+00A0 where a key would start); a newline ("\n", "\r\n"
//   or "\r") ends a statement outside parentheses, and the blank lines and comments after
//   it are one end of line; '#' outside a string comments out the rest of the line;
// - "..." is a string, which may span lines; only \" is an escape (the backslash goes);
// - keys are runs of [A-Za-z0-9._-]; "include", "include_shell", "global" and "else" are
//   words of the language; a key the end of the file cuts short is an error;
// - '=' assigns, "=>" pairs in arrays, ":=" replaces, "+=" appends, '+' concatenates;
//   after '$' a condition: NAME [ string ] then == != =~ !~ =^ =$;
// - a '}' followed on its line by more than blanks or a comment ends the statement there.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cipherexplain::detail::lighttpd {

enum class tk : std::uint8_t {
  eof,
  error,
  eol,
  assign,
  force_assign,
  append,
  plus,
  lparen,
  rparen,
  comma,
  array_assign,
  lbracket,
  rbracket,
  lcurly,
  rcurly,
  dollar,
  cond_op,
  string,
  integer,
  key,
  srvvarname,
  include,
  include_shell,
  global,
  else_
};

// A run of a string's value: file bytes of file `file` at `offset`, or text made elsewhere
// (an integer's digits, an expansion), attributed to `offset` of `file`.
struct piece {
  std::string text;
  std::uint32_t file = 0;
  std::size_t offset = 0;
  bool verbatim = true;
};

struct token {
  tk kind = tk::eof;
  std::size_t start = 0;
  std::string text;           // unquoted for strings; the message for errors
  std::vector<piece> pieces;  // strings: the file runs, without the escaping backslashes
};

struct element;

// A value: a string (with its pieces), an integer, or an array of (keyed) elements.
struct value {
  enum class type : std::uint8_t { string, integer, array } kind = type::string;
  std::string text;  // the string, or the integer's digits
  long long number = 0;
  std::vector<piece> pieces;
  std::vector<element> elements;
  std::map<std::string, std::size_t> keys;  // arrays: a key's element

  // The element with key `k`, or null.
  [[nodiscard]] const element* find(const std::string& k) const;
  // Appends an element (its key, if any, must not be there yet).
  void append(element e);
};

struct element {
  std::optional<std::string> key;
  value val;
};

inline const element* value::find(const std::string& k) const {
  const auto it = keys.find(k);
  return it == keys.end() ? nullptr : &elements[it->second];
}

inline void value::append(element e) {
  if (e.key) keys.emplace(*e.key, elements.size());
  elements.push_back(std::move(e));
}

class tokenizer {
 public:
  tokenizer(const std::string& text, std::uint32_t file) : s_(text), file_(file) {}

  token next() {
    if (simulate_eol_) {
      simulate_eol_ = false;
      in_key_ = true;
      return {tk::eol, i_, "(EOL)", {}};
    }
    while (i_ < s_.size()) {
      const std::size_t at = i_;
      const char c = s_[i_];
      const char n = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
      switch (c) {
        case ' ':
        case '\t':
          ++i_;
          continue;
        case '\n':
        case '\r':
          skip_newlines();
          if (parens_ == 0) {
            in_key_ = true;
            return {tk::eol, at, "(EOL)", {}};
          }
          continue;
        case '#':
          skip_comment();
          continue;
        case '=':
          if (parens_ > 0) {
            if (n != '>') return error(at, "use => for assignments in arrays");
            i_ += 2;
            return {tk::array_assign, at, "=>", {}};
          }
          if (in_cond_) {
            if (n != '=' && n != '~' && n != '^' && n != '$')
              return error(at, "only == =~ =^ =$ are allowed in the condition");
            return cond_op(at);
          }
          if (!in_key_) return error(at, "unexpected equal-sign: =");
          ++i_;
          return {tk::assign, at, "=", {}};
        case '!':
          if (!in_cond_) return error(at, "unexpected exclamation-marks: !");
          if (n != '=' && n != '~') return error(at, "only !~ and != are allowed in the condition");
          return cond_op(at);
        case ',':
          ++i_;
          if (parens_ > 0) return {tk::comma, at, ",", {}};
          continue;
        case '"':
          return string(at);
        case '(':
          ++i_;
          ++parens_;
          return {tk::lparen, at, "(", {}};
        case ')':
          if (parens_ == 0) return error(at, "close-parens seen open-parens");
          ++i_;
          --parens_;
          return {tk::rparen, at, ")", {}};
        case '$':
          ++i_;
          in_cond_ = true;
          in_key_ = false;
          return {tk::dollar, at, "$", {}};
        case '+':
          i_ += n == '=' ? std::size_t{2} : std::size_t{1};
          return {n == '=' ? tk::append : tk::plus, at, n == '=' ? "+=" : "+", {}};
        case ':':
          if (n != '=') return error(at, "unexpected character ':'");
          i_ += 2;
          return {tk::force_assign, at, ":=", {}};
        case '{':
          ++i_;
          return {tk::lcurly, at, "{", {}};
        case '}':
          after_curly();
          return {tk::rcurly, at, "}", {}};
        case '[':
          ++i_;
          return {tk::lbracket, at, "[", {}};
        case ']':
          ++i_;
          return {tk::rbracket, at, "]", {}};
        case '\0':
          return error(at, "stray NUL");
        default:
          if (!in_cond_ && c == '\xC2' && n == '\xA0') {  // NO-BREAK SPACE: a blank
            i_ += 2;
            continue;
          }
          return word(at);
      }
    }
    return {tk::eof, s_.size(), "", {}};
  }

  // After an error: the rest of the line is not read, and the state starts afresh.
  void skip_line() {
    while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
    parens_ = 0;
    in_cond_ = false;
    in_key_ = true;
    simulate_eol_ = false;
  }

 private:
  token error(std::size_t at, std::string message) {
    return {tk::error, at, std::move(message), {}};
  }

  void skip_comment() {
    while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
  }

  void skip_newlines() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\r' || c == '\n') {
        i_ +=
            c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n' ? std::size_t{2} : std::size_t{1};
      } else if (c == '#') {
        skip_comment();
      } else if (c == ' ' || c == '\t') {
        ++i_;
      } else {
        break;
      }
    }
  }

  token cond_op(std::size_t at) {
    i_ += 2;
    in_key_ = true;
    in_cond_ = false;
    return {tk::cond_op, at, s_.substr(at, 2), {}};
  }

  void after_curly() {
    while (++i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\r' || c == '\n') break;
      if (c == '#') {
        skip_comment();
        break;
      }
      if (c != ' ' && c != '\t') {
        simulate_eol_ = true;
        break;
      }
    }
  }

  token string(std::size_t at) {
    token t{tk::string, at, "", {}};
    std::size_t run = at + 1;
    std::size_t i = run;
    for (; i < s_.size() && s_[i] != '"'; ++i) {
      if (s_[i] == '\\' && i + 1 < s_.size() && s_[i + 1] == '"') {
        add(t, run, i);
        run = ++i;  // the '"' starts the next run
      }
    }
    if (i >= s_.size()) return error(at, "missing closing quote");
    add(t, run, i);
    i_ = i + 1;
    return t;
  }

  void add(token& t, std::size_t from, std::size_t to) {
    if (to <= from) return;
    t.text.append(s_, from, to - from);
    t.pieces.push_back({s_.substr(from, to - from), file_, from, true});
  }

  static bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool digit(char c) { return c >= '0' && c <= '9'; }

  token word(std::size_t at) {
    std::size_t i = at;
    if (in_cond_) {
      while (i < s_.size() && (alpha(s_[i]) || s_[i] == '_')) ++i;
      if (i == at || i >= s_.size()) return error(at, "invalid character in condition");
      i_ = i;
      return {tk::srvvarname, at, s_.substr(at, i - at), {}};
    }
    if (digit(s_[i])) {
      while (i < s_.size() && digit(s_[i])) ++i;
      i_ = i;
      return {tk::integer, at, s_.substr(at, i - at), {}};
    }
    while (i < s_.size() &&
           (alpha(s_[i]) || digit(s_[i]) || s_[i] == '.' || s_[i] == '_' || s_[i] == '-'))
      ++i;
    if (i > at && i < s_.size()) {
      i_ = i;
      std::string w = s_.substr(at, i - at);
      const tk kind = w == "include"         ? tk::include
                      : w == "include_shell" ? tk::include_shell
                      : w == "global"        ? tk::global
                      : w == "else"          ? tk::else_
                                             : tk::key;
      return {kind, at, std::move(w), {}};
    }
    return error(at, "invalid character in variable name");
  }

  const std::string& s_;
  std::uint32_t file_;
  std::size_t i_ = 0;
  int parens_ = 0;
  bool in_key_ = true, in_cond_ = false, simulate_eol_ = false;
};

}  // namespace cipherexplain::detail::lighttpd
