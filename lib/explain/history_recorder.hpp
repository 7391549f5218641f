// SPDX-License-Identifier: Apache-2.0
#pragma once
// --why: the history of the suites evaluate_options::follow names, recorded as the rule loop
// runs (not read back from the trace, which evaluation_limits may cut short). Each followed
// suite keeps the first and the last events up to its bound; the middle is counted.

#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/suite_history.hpp>

#include "engine/cipher_set.hpp"
#include "engine/list_state.hpp"
#include "engine/prepared_release.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace cipherexplain::detail {

/// What one step did, as sets of positions in the release's preference order.
struct step_change {
  step::kind what = step::kind::rule;
  source_range text;
  cipher_set matched;  // among the suites not removed for good before the step
  cipher_set added, removed, killed;
};

class history_recorder {
 public:
  history_recorder(const prepared_release& release, std::span<const cipher* const> follow,
                   std::size_t max_events);

  /// Whether any followed suite can be touched by a rule at all.
  [[nodiscard]] bool active() const noexcept { return followed_.any(); }
  /// Whether a step that may reorder `candidates` needs its moved suites worked out.
  [[nodiscard]] bool wants_moves(const cipher_set& candidates) const noexcept {
    return (followed_ & candidates).any();
  }
  /// One step, numbered `ordinal` among all steps; `moved` are positions in preference order
  /// (empty when the step cannot reorder a followed suite).
  void step(std::size_t ordinal, const step_change& c, const cipher_set& moved,
            const list_state& after);
  /// The histories, in the order asked for; `result` holds the final list.
  [[nodiscard]] std::vector<suite_history> finish(const evaluation& result);

 private:
  struct followed {
    int index = -1;  // position in preference order, or -1 when no rule can touch it
    suite_history history;
    std::vector<suite_event> tail;  // a ring of the latest events once the head is full
    std::size_t tail_next = 0;
  };
  void add(followed& f, const suite_event& e) const;

  std::vector<followed> suites_;
  cipher_set followed_;
  std::size_t head_;
  std::size_t tail_;
};

}  // namespace cipherexplain::detail
