// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// What an evaluation of a cipher string reports: whether OpenSSL accepts it, the list it
/// leaves, the security level, and (on request) what happened to each rule and why.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/source_text.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
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
struct CIPHEREXPLAIN_API step {
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

/// What one step did to the suite.
enum class suite_action : std::uint8_t {
  brought_in,         ///< a leading DEFAULT or Suite B keyword put it in the list
  added,              ///< a rule added it
  removed_for_good,   ///< '!'
  removed,            ///< '-': a later rule may add it back
  moved,              ///< '+' or @STRENGTH moved it
  matched_unchanged,  ///< the rule matched it but changed nothing for it
};

/// Why a suite is outside everything a string can do.
enum class suite_standing : std::uint8_t {
  considered,    ///< the list engine can select it: see the events
  tls13,         ///< a TLS 1.3 suite: cipher strings never add, move or remove it
  signalling,    ///< a signalling value (SCSV), not a cipher suite
  needs_option,  ///< compiled in only with a build option (`cipher::option`)
  unavailable,   ///< its algorithms are not available in this build (provider, ...)
};

struct CIPHEREXPLAIN_API suite_event {
  /// The step's number among all steps of the run, from 0: its index into evaluation::steps
  /// when the trace recorded it.
  std::size_t step = 0;
  source_range text;  ///< the rule (or prefix) the step stands for
  suite_action action = suite_action::added;
  std::optional<std::size_t> position;  ///< 1-based place in the list after the step, if listed
};

struct CIPHEREXPLAIN_API suite_history {
  const cipher* suite = nullptr;
  bool listed = false;  ///< in the result list (and OpenSSL accepts the string)
  suite_standing standing = suite_standing::considered;
  /// In step order; empty when no rule matched it. When more steps touched it than
  /// evaluation_limits::max_events_per_suite, the first half of that many and the last half are
  /// kept, and `events_omitted` between them (at index `events_omitted_at`) are only counted.
  std::vector<suite_event> events;
  std::size_t events_omitted = 0;
  std::size_t events_omitted_at = 0;
};

/// Bounds on what one evaluation records, so that every input up to max_input_length is
/// answered in bounded memory and time. What is not recorded is still counted.
struct CIPHEREXPLAIN_API evaluation_limits {
  /// detail_level::trace records the first max_steps steps; later ones are counted in
  /// evaluation::steps_omitted. (Each step holds the list after it: ~1 KB.)
  std::size_t max_steps = 10'000;
  /// Findings kept per diagnostic code; later ones with that code are counted in
  /// evaluation::diagnostics_omitted (the first ones show where the trouble starts; 20,000
  /// copies of one warning say nothing more).
  std::size_t max_findings_per_code = 1'000;
  /// Events kept per followed suite (see suite_history::events).
  std::size_t max_events_per_suite = 1'000;
  /// Unknown words answered with "did you mean" (the nearest-name search is the costly part
  /// of a finding); later unknown words get their finding without suggestions.
  std::size_t max_suggestions = 1'000;
  /// No bound: everything is recorded (memory grows with the input).
  static constexpr std::size_t unlimited = static_cast<std::size_t>(-1);
};

/// How much to compute and record in one evaluation.
struct CIPHEREXPLAIN_API evaluate_options {
  detail_level detail = detail_level::findings;
  evaluation_limits limits = {};
  /// Suites whose history (which rules brought them in, moved or removed them) to record into
  /// evaluation::histories, in this order; with detail_level::findings or trace. Suites of other
  /// releases simply have no events.
  std::vector<const cipher*> follow = {};
  /// The context's security level before the call (SSL_CTX_set_security_level, 0-5); empty:
  /// the build's. An @SECLEVEL=n in the string still wins.
  std::optional<int> security_level = {};
};

/// How many findings of one code an evaluation_limits bound left out.
struct CIPHEREXPLAIN_API omitted_findings {
  diagnostic_code code{};
  std::size_t count = 0;
};

/// Why SSL_CTX_set_cipher_list returned 0.
enum class failure_reason : std::uint8_t {
  none,
  syntax,              ///< a missing name or bad command; the context keeps its old list
  no_cipher_selected,  ///< nothing TLS 1.2-or-older selected; the context list is replaced
};

/// The result of one evaluation.
struct CIPHEREXPLAIN_API evaluation {
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
  /// Findings left out by evaluation_limits::max_findings_per_code, by code in code order.
  std::vector<omitted_findings> diagnostics_omitted;
  /// What each rule did, in order (detail_level::trace), at most evaluation_limits::max_steps.
  std::vector<step> steps;
  /// Steps after the last recorded one, not recorded.
  std::size_t steps_omitted = 0;
  /// One per evaluate_options::follow suite, same order.
  std::vector<suite_history> histories;

  /// Bytes the evaluation takes: the object itself and what it holds on the heap (by
  /// capacity, so what reuse with evaluate_into keeps allocated).
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
};

/// Stable kebab-case names, used in JSON: "not-reached", "applied", "unknown-name", ...
[[nodiscard]] CIPHEREXPLAIN_API std::string_view outcome_name(rule_outcome outcome) noexcept;
/// "none", "syntax", "no-cipher-selected".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view failure_name(failure_reason failure) noexcept;
/// "rule", "default", "suiteb".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view step_kind_name(step::kind kind) noexcept;

}  // namespace cipherexplain
