#pragma once
/// @file
/// What an evaluation of a cipher string reports: whether OpenSSL accepts it, the list it
/// leaves, the security level, and (on request) what happened to each rule and why.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/source_text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// What OpenSSL did with one rule.
enum class rule_outcome : std::uint8_t {
  not_reached,     ///< OpenSSL stopped earlier (a missing name) or never read it (SUITEB)
  applied,         ///< every word known: the operator was applied to the matching suites
  unknown_name,    ///< a word is unknown: the rule and the rest of its segment are skipped
  conflict,        ///< the '+' parts cannot hold together: skipped like an unknown word
  skipped,         ///< in a segment that an earlier unknown or conflicting rule abandoned
  command_done,    ///< @STRENGTH or @SECLEVEL=n carried out
  command_failed,  ///< a bad '@' command: the call will fail, reading goes on
  missing_name,    ///< a name is missing where OpenSSL reached it: the call fails
};

/// How much an evaluation reports.
enum class detail_level : std::uint8_t {
  result,    ///< ok, the list, the failure and the security level: the fast path
  findings,  ///< + what happened to each rule, and diagnostics
  trace,     ///< + one step per rule with what it did to the list
};

/// What one rule did to the list (or what a leading DEFAULT or SUITEB prefix stands for).
struct step {
  enum class kind : std::uint8_t { rule, default_prefix, suiteb_prefix };
  kind what = kind::rule;
  std::size_t rule_index = 0;  ///< index into tree::rules(), for kind::rule
  source_range text;           ///< the input bytes the step stands for
  rule_outcome outcome = rule_outcome::applied;
  /// Suites the rule's pattern matched among those still in OpenSSL's list, in list order.
  std::vector<const cipher*> matched;
  std::vector<const cipher*> added;    ///< now in the list, in list order
  std::vector<const cipher*> removed;  ///< taken out with '-': a later rule may add them back
  std::vector<const cipher*> killed;   ///< taken out for good with '!', whether listed or not
  std::vector<const cipher*> moved;    ///< still listed, at a new place
  std::vector<const cipher*> list;     ///< the TLS 1.2-and-older list after the step
};

/// Why SSL_CTX_set_cipher_list returned 0.
enum class failure_reason : std::uint8_t {
  none,
  syntax,              ///< a missing name or bad command; the context keeps its old list
  no_cipher_selected,  ///< nothing TLS 1.2-or-older selected; the context list is replaced
};

/// The result of one evaluation.
struct evaluation {
  /// What SSL_CTX_set_cipher_list returns (true = 1).
  bool ok = false;
  failure_reason failure = failure_reason::none;
  /// What SSL_CTX_get_ciphers returns afterwards on a fresh context, in order. When ok, the new
  /// list (TLS 1.3 suites first on 1.1.1+). When not ok, what the context is left with: its
  /// previous (DEFAULT) list after a syntax failure, or only the TLS 1.3 suites when nothing
  /// was selected.
  std::vector<const cipher*> ciphers;
  /// The context's security level afterwards (@SECLEVEL applies even when the call fails).
  int security_level = 0;
  /// One entry per rule of the tree, same order (detail_level::findings and up).
  std::vector<rule_outcome> outcomes;
  /// Findings, ordered by offset; findings about the whole string come last
  /// (detail_level::findings and up).
  std::vector<diagnostic> diagnostics;
  /// What each rule did, in order (detail_level::trace).
  std::vector<step> steps;

  /// Bytes the evaluation takes: the object itself and what it holds on the heap (by
  /// capacity, so what reuse with evaluate_into keeps allocated).
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
};

/// Stable kebab-case names, used in JSON: "not-reached", "applied", "unknown-name", ...
[[nodiscard]] std::string_view outcome_name(rule_outcome outcome) noexcept;
/// "none", "syntax", "no-cipher-selected".
[[nodiscard]] std::string_view failure_name(failure_reason failure) noexcept;
/// "rule", "default", "suiteb".
[[nodiscard]] std::string_view step_kind_name(step::kind kind) noexcept;

}  // namespace cipherexplain
