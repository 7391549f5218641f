// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the rule loop tells whoever wants to know more than the resulting list. The explaining
// layer (explain/) builds findings and the trace from these calls, so there is exactly one
// evaluator, and the engine knows nothing of findings. The plain, fast evaluation passes no
// observer and pays nothing for them.

#include "engine/list_state.hpp"
#include "syntax/syntax_messages.hpp"

#include <cstddef>

namespace cipherexplain::detail {

struct pattern;

class run_observer {
 public:
  virtual ~run_observer() = default;

  /// The string starts with DEFAULT: the list now holds DEFAULT's suites.
  virtual void expanded_default(const list_state& after) = 0;
  /// The string starts with a Suite B keyword: OpenSSL used a fixed string instead, and no rule
  /// of the input is read.
  virtual void replaced_by_suiteb(const list_state& after) = 0;

  /// The rule sits in a segment an earlier unknown or conflicting rule abandoned.
  virtual void skipped(std::size_t rule_index) = 0;
  /// OpenSSL reached the missing word `word` of the rule and fails.
  virtual void missing_name(std::size_t rule_index, std::size_t word) = 0;
  /// The word is not a name this build can look up; the rest of the segment is skipped.
  virtual void unknown_name(std::size_t rule_index, std::size_t word) = 0;
  /// The word contradicts the words before it in a '+' chain; the rest of the segment is skipped.
  virtual void conflict(std::size_t rule_index, std::size_t word) = 0;
  /// An '@' command ran (or failed, for unknown or bad ones).
  virtual void command(std::size_t rule_index, const command_word& c, const list_state& before,
                       const list_state& after) = 0;
  /// A rule was applied with the pattern it built and the suites that pattern matches.
  virtual void applied(std::size_t rule_index, const pattern& p, const cipher_set& matched,
                       const list_state& before, const list_state& after) = 0;

  /// After the last rule, once the evaluation holds the result (ok, failure, ciphers, level).
  virtual void finished(const list_state& final_state) = 0;

  /// Where the rule loop keeps the list as it was before the current rule. It lives here, not
  /// in the loop, so that a plain run does not even zero-fill a copy of the list.
  list_state& before() noexcept { return before_; }

 private:
  list_state before_;
};

}  // namespace cipherexplain::detail
