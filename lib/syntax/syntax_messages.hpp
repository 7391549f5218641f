// SPDX-License-Identifier: Apache-2.0
#pragma once
// The findings about syntax that both the parser (for the first rule of a segment, which OpenSSL
// always reaches) and the rule loop (for the others) report, worded here once so that both say
// the same thing; and how the rule loop reads '@' commands. Findings about meaning are worded
// in lib/explain/.

#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/syntax.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cipherexplain::detail {

/// How the byte(s) at `offset` read in a message: "':'", "a tab (0x09)", "'é' (U+00E9)",
/// "the end of the string". `end` is where OpenSSL stops reading (the first NUL or the size).
struct found_text {
  std::string description;
  std::size_t length = 0;  // bytes it occupies (0 at the end)
};
[[nodiscard]] found_text describe_found(std::string_view source, std::size_t offset,
                                        std::size_t end);

/// The word of `r` at `index` is missing (length 0): OpenSSL fails here.
[[nodiscard]] diagnostic missing_name(const tree& parsed, const rule& r, std::size_t index);

/// A command that is not STRENGTH or a valid SECLEVEL=n. `seclevel` tells whether the release
/// knows @SECLEVEL at all.
[[nodiscard]] diagnostic bad_command(const tree& parsed, const rule& r, bool seclevel);

/// What kind of command a command word is.
enum class command_kind { strength, seclevel, bad_seclevel, unknown };
struct command_word {
  command_kind kind = command_kind::unknown;
  int level = 0;  // for seclevel
};
[[nodiscard]] command_word classify_command(std::string_view word, bool seclevel,
                                            bool case_insensitive);

/// Where OpenSSL stops reading: the first NUL byte, or the end.
[[nodiscard]] std::size_t effective_end(const tree& parsed) noexcept;

}  // namespace cipherexplain::detail
