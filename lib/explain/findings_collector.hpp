// SPDX-License-Identifier: Apache-2.0
#pragma once
// Everything an evaluation reports beyond the list: what happened to each rule, the
// diagnostics for the traps users fall into, and (on request) a step-by-step trace. Built from
// the rule loop's observer calls, so it describes exactly what the evaluator did. The
// bookkeeping and the trace are in findings_collector.cpp, the checks made on applied rules in
// rule_checks.cpp; unknown words and the whole string have files of their own.

#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/syntax.hpp>

#include "engine/prepared_release.hpp"
#include "engine/run_observer.hpp"
#include "explain/history_recorder.hpp"
#include "explain/name_index.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::detail {

class findings_collector final : public run_observer {
 public:
  /// Writes outcomes, diagnostics, (with detail_level::trace) steps and the histories of the
  /// followed suites into `out`, whose vectors must be empty, within the options' limits.
  findings_collector(const prepared_release& release, const lazy_name_suggestions& suggestions,
                     const tree& parsed, evaluation& out, const evaluate_options& options);

  void expanded_default(const list_state& after) override;
  void replaced_by_suiteb(const list_state& after) override;
  void skipped(std::size_t rule_index) override;
  void missing_name(std::size_t rule_index, std::size_t word) override;
  void unknown_name(std::size_t rule_index, std::size_t word) override;
  void conflict(std::size_t rule_index, std::size_t word) override;
  void command(std::size_t rule_index, const command_word& c, const list_state& before,
               const list_state& after) override;
  void applied(std::size_t rule_index, const pattern& p, const cipher_set& matched,
               const list_state& before, const list_state& after) override;
  /// Adds the findings that need the whole run, then sorts them by offset, then adds the
  /// findings about the whole string.
  void finished(const list_state& final_state) override;

 private:
  // Suites a '-' rule removed that a later rule added back: one entry per pair of rules.
  struct removal {
    std::size_t remove_rule;
    std::size_t add_rule;
    cipher_set suites;
  };
  struct narrow_check {
    std::size_t rule_index;
    const alias* named;
    pattern p;
  };
  // What one applied rule did to the list.
  struct change {
    cipher_set added, removed, killed;
    bool any = false;
  };

  // Findings beyond the limit for their code are counted, not kept.
  [[nodiscard]] bool full(diagnostic_code code) const noexcept {
    return kept_[static_cast<std::size_t>(code)] >= limits_.max_findings_per_code;
  }
  void note(diagnostic d);
  // The same for a finding that is costly to word: `make` runs only when it is kept.
  template <typename Make>
  void note_lazily(diagnostic_code code, Make&& make) {
    if (full(code))
      ++omitted_[static_cast<std::size_t>(code)];
    else
      note(make());
  }
  // Whether the next step is recorded in the trace; counts it either way.
  [[nodiscard]] bool record_step();
  void add_step(std::size_t rule_index, rule_outcome outcome);
  void follow_step(const step_change& c, const cipher_set& moved, const list_state& after);
  void skipped_rest(std::size_t rule_index, std::size_t word, std::string_view why,
                    std::size_t covered_to = 0);
  [[nodiscard]] std::vector<const cipher*> active_list(const list_state& s) const;
  [[nodiscard]] std::string position(std::size_t offset);
  void add_applied_step(std::size_t rule_index, const cipher_set& matched, const list_state& before,
                        const list_state& after, const change& c, const cipher_set& moved);
  [[nodiscard]] cipher_set moved_between(const list_state& before, const list_state& after) const;
  [[nodiscard]] std::vector<const cipher*> in_list_order(const list_state& st,
                                                         const cipher_set& set) const;

  // rule_checks.cpp
  void check_default_glued();
  [[nodiscard]] std::string killers_text(const cipher_set& suites);
  [[nodiscard]] std::string no_effect_reason(const rule& r, std::string_view text,
                                             const cipher_set& matched, const list_state& before);
  void check_applied(std::size_t rule_index, const pattern& p, const cipher_set& matched,
                     const list_state& before, const change& c);
  void report_removals_undone(const list_state& final_state);
  void report_narrow_aliases();

  const prepared_release& release_;
  const lazy_name_suggestions& suggestions_;
  const tree& parsed_;
  evaluation& out_;
  bool trace_;
  evaluation_limits limits_;
  history_recorder histories_;
  std::size_t steps_seen_ = 0;  // steps so far, recorded or not
  std::size_t suggestions_made_ = 0;
  static constexpr std::size_t code_slots = 64;
  std::array<std::size_t, code_slots> kept_{};
  std::array<std::size_t, code_slots> omitted_{};
  list_state current_;
  std::optional<std::size_t> strength_rule_;
  bool asked_for_old_protocols_ = false;  // an applied rule named SSLv3 or TLSv1
  std::vector<removal> removed_by_;       // suites '-' took out, by rule (add_rule unused)
  // Which rule removed a suite for good ('!'), or killed_by_default, or -1.
  static constexpr int killed_by_default = -2;
  std::array<int, max_collected> killed_by_{};
  // Removals undone, compact: a 16 MiB '-HIGH:HIGH:...' makes 750,000 of them, mostly of the
  // same suites, so each names its set in undone_sets_ (shared with the previous few).
  struct undone {
    std::uint32_t remove_rule;
    std::uint32_t add_rule;
    std::uint32_t suites;  // index into undone_sets_
  };
  std::vector<undone> removals_undone_;
  std::vector<cipher_set> undone_sets_;
  [[nodiscard]] std::uint32_t undone_set(const cipher_set& suites);
  std::vector<narrow_check> narrow_checks_;
  std::optional<line_index> lines_;
};

}  // namespace cipherexplain::detail
