// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Findings about a cipher string: what OpenSSL rejects, and what it silently ignores.

#include <cipherexplain/export.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cipherexplain {

/// How much a finding matters. `error` means OpenSSL rejects the string.
enum class severity : std::uint8_t { note, warning, error };

/// Stable identifiers of findings, one per row of diagnostic_codes.def (where each is described).
/// Values and names never change meaning once released; new codes are appended.
enum class diagnostic_code : std::uint16_t {
#define CIPHEREXPLAIN_DIAGNOSTIC(identifier, value, name, severity, summary, help) \
  identifier = (value),
#include <cipherexplain/diagnostic_codes.def>
#undef CIPHEREXPLAIN_DIAGNOSTIC
};

/// What the table says about one code.
struct CIPHEREXPLAIN_API diagnostic_code_info {
  diagnostic_code code{};
  std::string_view name;      ///< kebab-case, e.g. "missing-name"; stable, used in text and JSON
  enum severity severity {};  ///< the severity findings with this code are reported with
  std::string_view summary;   ///< one line
  std::string_view help;      ///< what it means and what to do
};

/// Every code, in order of value.
[[nodiscard]] CIPHEREXPLAIN_API std::span<const diagnostic_code_info> diagnostic_codes() noexcept;
/// The row of one code.
[[nodiscard]] CIPHEREXPLAIN_API const diagnostic_code_info& code_info(
    diagnostic_code code) noexcept;
/// A code by its name; nullptr when no code has that name.
[[nodiscard]] CIPHEREXPLAIN_API const diagnostic_code_info* find_code(
    std::string_view name) noexcept;

/// The kebab-case name of a code, e.g. "missing-name"; stable, used in rendered text and JSON.
[[nodiscard]] CIPHEREXPLAIN_API std::string_view code_name(diagnostic_code code) noexcept;

/// The lower-case name of a severity: "note", "warning", "error".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view severity_name(severity level) noexcept;

/// One finding, located by byte offset and length in the cipher string.
struct CIPHEREXPLAIN_API diagnostic {
  diagnostic_code code{};
  enum severity severity {};
  std::string message;
  std::size_t offset = 0;
  std::size_t length = 0;
  /// What to write instead, when there is a clear fix; empty otherwise.
  std::string suggestion = {};

  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

}  // namespace cipherexplain
