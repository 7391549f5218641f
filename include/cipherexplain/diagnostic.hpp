#pragma once
/// @file
/// Findings about a cipher string: what OpenSSL rejects, and what it silently ignores.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// How much a finding matters. `error` means OpenSSL rejects the string.
enum class severity : std::uint8_t { note, warning, error };

/// Stable identifiers of findings. Values and names never change meaning once released;
/// new codes are appended.
enum class diagnostic_code : std::uint16_t {
  // --- OpenSSL rejects the string ---
  missing_name = 1,    ///< an operator, '+' or stray byte where a cipher name must start
  unknown_command,     ///< '@' followed by something other than STRENGTH or SECLEVEL=n
  bad_security_level,  ///< @SECLEVEL= with a value other than one digit 0-5
  no_cipher_selected,  ///< the string selects no TLS 1.2-or-older suite
  input_too_long,      ///< longer than this library accepts (max_input_length)
  // --- OpenSSL ignores part of the string ---
  text_after_nul,     ///< OpenSSL reads a C string: everything from a NUL byte on is unseen
  unknown_name,       ///< a word that is neither a cipher nor an alias in this release
  conflicting_names,  ///< a '+' chain whose parts cannot all hold at once: the rule is dropped
  skipped_text,       ///< bytes OpenSSL skips without reading them as rules
  suiteb_prefix,      ///< a SUITEB prefix replaces the whole string
  // --- the string probably does not do what it seems to ---
  name_not_in_release,    ///< unknown here, but a name in other releases
  name_unavailable,       ///< in this release's tables, but this build cannot use it
  tls13_name,             ///< a TLS 1.3 suite: cipher strings never select or remove those
  tls13_unaffected,       ///< a removal that would match TLS 1.3 suites, which stay anyway
  default_not_first,      ///< DEFAULT anywhere but at the start is an unknown word
  default_glued,          ///< DEFAULT directly followed by a name: read as two rules
  no_effect,              ///< a rule that changes nothing
  removal_undone,         ///< suites removed with '-' that a later rule adds back
  narrow_alias,           ///< an alias that matches less than its name suggests
  strength_undone,        ///< a rule after @STRENGTH that breaks the strength order
  unusable_suites,        ///< suites the security level or protocol range never lets be used
  old_protocols_refused,  ///< suites meant for TLS 1.0/1.1, which the security level refuses
};

/// The kebab-case name of a code, e.g. "missing-name"; stable, used in rendered text and JSON.
[[nodiscard]] std::string_view code_name(diagnostic_code code) noexcept;

/// The lower-case name of a severity: "note", "warning", "error".
[[nodiscard]] std::string_view severity_name(severity level) noexcept;

/// One finding, located by byte offset and length in the cipher string.
struct diagnostic {
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
