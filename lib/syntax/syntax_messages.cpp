// SPDX-License-Identifier: Apache-2.0
#include "syntax/syntax_messages.hpp"

#include "diagnostics/finding.hpp"
#include "text/ascii.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace cipherexplain::detail {
namespace {

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
  if (const utf8_sequence u = decode_utf8(source.substr(0, end), offset); u.length != 0) {
    return {fmt::format("'{}' (U+{:04X})", source.substr(offset, u.length),
                        static_cast<std::uint32_t>(u.code_point)),
            u.length};
  }
  return {fmt::format("byte 0x{:02X} (not UTF-8)", b), 1};
}

diagnostic missing_name(const tree& parsed, const rule& r, std::size_t index) {
  const source_range where = parsed.words(r)[index];
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
  // A quote is almost always the shell's or a configuration file's, pasted with the string.
  const bool quote =
      where.offset < effective_end(parsed) &&
      (parsed.source()[where.offset] == '"' || parsed.source()[where.offset] == '\'');
  return make_finding(
      diagnostic_code::missing_name, std::move(message), where.offset, found.length,
      quote
          ? "remove the quotes: they belong to the shell or the configuration file, not to the cipher string"
          : "");
}

command_word classify_command(std::string_view word, bool seclevel, bool case_insensitive) {
  auto equals = [case_insensitive](std::string_view a, std::string_view b) {
    return same_name(a, b, case_insensitive);
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
  const source_range w = parsed.words(r)[0];
  const std::string_view word = parsed.text(w);
  const source_range whole{r.text.offset, w.end() - r.text.offset};
  const command_word c = classify_command(word, seclevel, parsed.dialect().case_insensitive);
  if (c.kind == command_kind::bad_seclevel) {
    return make_finding(
        diagnostic_code::bad_security_level,
        fmt::format("'@{}' is not a security level: write @SECLEVEL= and one digit from 0 to 5",
                    word),
        whole.offset, whole.length);
  }
  return make_finding(
      diagnostic_code::unknown_command,
      fmt::format("unknown command '@{}'; the commands are {}", word,
                  seclevel ? "@STRENGTH and @SECLEVEL=n (n = 0..5)" : "only @STRENGTH"),
      whole.offset, whole.length);
}

}  // namespace cipherexplain::detail
