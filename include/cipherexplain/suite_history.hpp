#pragma once
/// @file
/// What happened to one suite while a string was read: which rules brought it in, moved it or
/// took it out, from a traced evaluation (--why).

#include <cipherexplain/evaluation.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// What one step did to the suite.
enum class suite_action : std::uint8_t {
  brought_in,         ///< a leading DEFAULT or Suite B keyword put it in the list
  added,              ///< a rule added it
  removed_for_good,   ///< '!'
  removed,            ///< '-': a later rule may add it back
  moved,              ///< '+' or @STRENGTH moved it
  matched_unchanged,  ///< the rule matched it but changed nothing for it
};

/// "brought-in", "added", "removed-for-good", "removed", "moved", "matched-unchanged".
[[nodiscard]] std::string_view action_name(suite_action action) noexcept;

/// Why a suite is outside everything a string can do.
enum class suite_standing : std::uint8_t {
  considered,    ///< the list engine can select it: see the events
  tls13,         ///< a TLS 1.3 suite: cipher strings never add, move or remove it
  signalling,    ///< a signalling value (SCSV), not a cipher suite
  needs_option,  ///< compiled in only with a build option (`cipher::option`)
  unavailable,   ///< its algorithms are not available in this build (provider, ...)
};

struct suite_event {
  std::size_t step = 0;  ///< index into evaluation::steps
  source_range text;     ///< the rule (or prefix) the step stands for
  suite_action action = suite_action::added;
  std::optional<std::size_t> position;  ///< 1-based place in the list after the step, if listed
};

struct suite_history {
  const cipher* suite = nullptr;
  bool listed = false;  ///< in the result list (and OpenSSL accepts the string)
  suite_standing standing = suite_standing::considered;
  std::vector<suite_event> events;  ///< in step order; empty when no rule matched it
};

/// The suite's history in an evaluation made with detail_level::trace by an evaluator whose
/// preference_order() is `considered` (the suites its strings can select).
[[nodiscard]] suite_history history_of(const evaluation& traced, const cipher& suite,
                                       std::span<const cipher* const> considered);

}  // namespace cipherexplain
