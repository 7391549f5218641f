#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace cipherexplain::detail {
namespace {

// Length of a well-formed UTF-8 sequence starting at s[i], or 0 when the bytes are not one.
std::size_t utf8_length(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t min = 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2, cp = b0 & 0x1fu, min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3, cp = b0 & 0x0fu, min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xc0u) != 0x80u) return 0;
    cp = (cp << 6) | (b & 0x3fu);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

std::string_view control_name(unsigned char b) {
  switch (b) {
    case '\t':
      return "a tab";
    case '\r':
      return "a carriage return";
    case '\n':
      return "a line feed";
    case '\v':
      return "a vertical tab";
    case '\f':
      return "a form feed";
    case 0x7f:
      return "a DEL byte";
    default:
      return "a control byte";
  }
}

}  // namespace

std::size_t effective_end(const tree& parsed) noexcept {
  return parsed.nul_offset() ? *parsed.nul_offset() : parsed.source().size();
}

found_text describe_found(std::string_view source, std::size_t offset, std::size_t end) {
  if (offset >= end) return {"the end of the string", 0};
  const auto b = static_cast<unsigned char>(source[offset]);
  if (b < 0x20 || b == 0x7f) return {fmt::format("{} (0x{:02X})", control_name(b), b), 1};
  if (b < 0x80) return {fmt::format("'{}'", static_cast<char>(b)), 1};
  char32_t cp = 0;
  if (const std::size_t n = utf8_length(source.substr(0, end), offset, cp); n != 0) {
    return {
        fmt::format("'{}' (U+{:04X})", source.substr(offset, n), static_cast<std::uint32_t>(cp)),
        n};
  }
  return {fmt::format("byte 0x{:02X} (not UTF-8)", b), 1};
}

diagnostic missing_name(const tree& parsed, const rule& r, std::size_t index) {
  const span where = parsed.words(r)[index];
  const found_text found = describe_found(parsed.source(), where.offset, effective_end(parsed));
  std::string message;
  if (r.is_command()) {
    message = fmt::format("expected a command after '@', found {}", found.description);
  } else if (index > 0) {
    message = fmt::format("expected a cipher name after '+', found {}", found.description);
  } else if (r.op != rule_op::add) {
    message = fmt::format("expected a cipher name after '{}', found {}", op_text(r.op),
                          found.description);
  } else {
    message = fmt::format(
        "expected a cipher name, found {}; names are ASCII letters, digits, '-' and '.'",
        found.description);
  }
  return {diagnostic_code::missing_name, severity::error, std::move(message), where.offset,
          found.length};
}

command_word classify_command(std::string_view word, bool seclevel, bool case_insensitive) {
  auto equals = [case_insensitive](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (!case_insensitive) return a == b;
    return std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
      auto lower = [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      };
      return lower(x) == lower(y);
    });
  };
  if (equals(word, "STRENGTH")) return {command_kind::strength};
  if (!seclevel) return {command_kind::unknown};
  // OpenSSL accepts exactly "SECLEVEL=" and one byte whose value minus '0' lies in 0..5.
  if (word.size() >= 8 && equals(word.substr(0, 8), "SECLEVEL")) {
    if (word.size() == 10 && word[8] == '=' && word[9] >= '0' && word[9] <= '5') {
      return {command_kind::seclevel, word[9] - '0'};
    }
    return {command_kind::bad_seclevel};
  }
  return {command_kind::unknown};
}

diagnostic bad_command(const tree& parsed, const rule& r, bool seclevel) {
  const span w = parsed.words(r)[0];
  const std::string_view word = parsed.text(w);
  const span whole{r.text.offset, w.end() - r.text.offset};
  const command_word c = classify_command(word, seclevel, parsed.dialect().case_insensitive);
  if (c.kind == command_kind::bad_seclevel) {
    return {diagnostic_code::bad_security_level, severity::error,
            fmt::format("'@{}' is not a security level: write @SECLEVEL= and one digit from 0 to 5",
                        word),
            whole.offset, whole.length};
  }
  return {diagnostic_code::unknown_command, severity::error,
          fmt::format("unknown command '@{}'; the commands are {}", word,
                      seclevel ? "@STRENGTH and @SECLEVEL=n (n = 0..5)" : "only @STRENGTH"),
          whole.offset, whole.length};
}

}  // namespace cipherexplain::detail
