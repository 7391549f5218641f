// SPDX-License-Identifier: Apache-2.0
// Reads a parsed string the way ssl_cipher_process_rulestr() does and applies each rule to the
// list, recording what happened to every rule.

#include "engine/prepared_release.hpp"
#include "engine/run_observer.hpp"
#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace cipherexplain::detail {
namespace {

constexpr std::uint32_t no_segment = std::numeric_limits<std::uint32_t>::max();

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

}  // namespace

// Where reading stands: the segment an unknown word abandoned, the one an old release steps
// into after a missing name, and what the call returns so far.
struct prepared_release::reading {
  const tree& parsed;
  run_observer* observer;
  std::size_t end;  // where OpenSSL stops reading
  std::uint32_t skip_segment = no_segment;
  std::uint32_t skip_also = no_segment;  // old releases step over a separator after an error
  run_result result;
};

// What a rule's words came to: the set they select, or why they select nothing.
enum class prepared_release::words_outcome : std::uint8_t { selected, dropped, stop };

// A missing name: 1.1.1s+/3.0.7+ stop at once (true); older releases note the failure, step
// over the offending byte and skip to the next separator (false).
bool prepared_release::missing_at(reading& rd, std::size_t rule_index, const rule& r,
                                  source_range word, std::size_t k) const {
  rd.result.failed = true;
  if (rd.observer != nullptr) rd.observer->missing_name(rule_index, k);
  if (release_.abort_on_missing_name() || word.offset >= rd.end) return true;
  rd.skip_segment = r.segment;
  if (is_separator(rd.parsed.source()[word.offset])) rd.skip_also = r.segment + 1;
  return false;
}

// '@STRENGTH' or '@SECLEVEL=n'; anything else fails the call, and reading goes on.
void prepared_release::run_command(reading& rd, std::size_t rule_index, source_range word,
                                   list_state& state) const {
  const tree& parsed = rd.parsed;
  const command_word c = classify_command(parsed.text(word), parsed.dialect().seclevel_command,
                                          parsed.dialect().case_insensitive);
  if (rd.observer != nullptr) rd.observer->before() = state;
  if (c.kind == command_kind::strength) {
    state.strength_sort(strength_rank_.data(), rank_sets_.data(), n_ranks_);
  } else if (c.kind == command_kind::seclevel) {
    rd.result.security_level = c.level;
  } else {
    rd.result.failed = true;
  }
  if (rd.observer != nullptr) rd.observer->command(rule_index, c, rd.observer->before(), state);
}

// A chain of names that constrain disjoint parts selects the intersection of their precomputed
// sets (see lookup_entry::constrains); others build the pattern `p` and match it.
prepared_release::words_outcome prepared_release::select_chain(reading& rd, std::size_t rule_index,
                                                               const rule& r, pattern& p,
                                                               cipher_set& chained) const {
  const tree& parsed = rd.parsed;
  const auto words = parsed.words(r);
  run_observer* const observer = rd.observer;
  std::uint8_t constrained = 0;
  bool separable = true;
  bool merged = true;  // p holds the merge of the words so far
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k].length == 0) {
      return missing_at(rd, rule_index, r, words[k], k) ? words_outcome::stop
                                                        : words_outcome::dropped;
    }
    const lookup_entry* e = find(parsed.text(words[k]));
    if (e == nullptr) {
      rd.skip_segment = r.segment;
      if (observer != nullptr) observer->unknown_name(rule_index, k);
      return words_outcome::dropped;
    }
    if (k == 0) {
      chained = e->matches;
      constrained = e->constrains;
      if (observer != nullptr) {
        p = e->alone;
      } else {
        merged = false;
      }
      continue;
    }
    separable = separable && constrained != constraint::everything &&
                e->constrains != constraint::everything && (constrained & e->constrains) == 0;
    constrained |= e->constrains;
    chained &= e->matches;
    // Disjoint names cannot conflict, and without an observer nobody reads the pattern:
    // merging waits until a name overlaps, then catches up on the earlier ones.
    if (separable && observer == nullptr) {
      merged = false;
      continue;
    }
    if (!merged) {
      p = find(parsed.text(words[0]))->alone;
      for (std::size_t j = 1; j < k; ++j) (void)merge(p, find(parsed.text(words[j]))->alone);
      merged = true;
    }
    if (!merge(p, e->alone)) {
      rd.skip_segment = r.segment;
      if (observer != nullptr) observer->conflict(rule_index, k);
      return words_outcome::dropped;
    }
  }
  if (!separable) chained = match(p);
  return words_outcome::selected;
}

void prepared_release::apply(rule_op op, const cipher_set& matched, list_state& state) {
  switch (op) {
    case rule_op::add:
      state.add(matched);
      break;
    case rule_op::remove:
      state.remove(matched);
      break;
    case rule_op::move_to_end:
      state.move_to_end(matched);
      break;
    case rule_op::kill:
      state.kill(matched);
      break;
    case rule_op::command:
      break;
  }
}

// Flattened, like the grammar: the rule loop, the lookups and the list operations in one body.
[[gnu::flatten]] prepared_release::run_result prepared_release::run(const tree& parsed,
                                                                    list_state& state,
                                                                    run_observer* observer,
                                                                    int level) const {
  reading rd{parsed, observer, effective_end(parsed), no_segment, no_segment, {false, level}};
  const auto rules = parsed.rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const rule& r = rules[i];
    if (r.segment == rd.skip_segment || r.segment == rd.skip_also) {
      if (observer != nullptr) observer->skipped(i);
      continue;
    }
    const auto words = parsed.words(r);
    if (r.is_command()) {
      if (words[0].length != 0) {
        run_command(rd, i, words[0], state);
      } else if (missing_at(rd, i, r, words[0], 0)) {
        break;
      }
      continue;
    }
    // The common rule, one name and nobody watching: the name's precomputed set as it is.
    const cipher_set* m = nullptr;
    pattern p;  // only read by an observer and by chains that need matching
    cipher_set chained;
    if (words.size() == 1 && observer == nullptr && words[0].length != 0) {
      const lookup_entry* e = find(parsed.text(words[0]));
      if (e == nullptr) {
        rd.skip_segment = r.segment;
        continue;
      }
      m = &e->matches;
    } else {
      const words_outcome outcome = select_chain(rd, i, r, p, chained);
      if (outcome == words_outcome::stop) break;
      if (outcome == words_outcome::dropped) continue;
      m = &chained;
    }
    if (observer != nullptr) observer->before() = state;
    apply(r.op, *m, state);
    if (observer != nullptr) observer->applied(i, p, *m, observer->before(), state);
  }
  return rd.result;
}

namespace {

bool too_long(const tree& parsed) {
  return !parsed.diagnostics().empty() &&
         parsed.diagnostics().front().code == diagnostic_code::input_too_long;
}

}  // namespace

void prepared_release::evaluate(const tree& parsed, evaluation& out, int level) const {
  if (level < 0) level = security_level_;
  out.ok = false;
  out.failure = failure_reason::none;
  out.ciphers.clear();
  out.outcomes.clear();
  out.diagnostics.clear();
  out.diagnostics_omitted.clear();
  out.steps.clear();
  out.steps_omitted = 0;
  out.histories.clear();
  out.security_level = level;
  if (too_long(parsed)) {
    out.failure = failure_reason::syntax;
    return;
  }
  // OpenSSL swaps a Suite B string for a fixed one: the user's rules are never read.
  const bool suiteb = parsed.suiteb() != suiteb_prefix::none;
  list_state state = !suiteb && parsed.default_prefix() ? after_default_ : initial_;
  const run_result result =
      run(suiteb ? suiteb_string(parsed.suiteb()) : parsed, state, nullptr, level);
  out.security_level = result.security_level;
  finish(state, result.failed, out);
}

// The same run with an observer; kept apart so the plain path's frame holds none of it. `out`
// is not cleared here: the observer may have written to it already.
void prepared_release::evaluate(const tree& parsed, evaluation& out, run_observer& observer,
                                int level) const {
  if (level < 0) level = security_level_;
  out.ok = false;
  out.failure = failure_reason::none;
  out.ciphers.clear();
  out.security_level = level;
  if (too_long(parsed)) {
    out.failure = failure_reason::syntax;
    return;
  }
  const bool suiteb = parsed.suiteb() != suiteb_prefix::none;
  list_state state = !suiteb && parsed.default_prefix() ? after_default_ : initial_;
  run_result result;
  if (suiteb) {
    result = run(suiteb_string(parsed.suiteb()), state, nullptr, level);
    observer.replaced_by_suiteb(state);
  } else {
    if (parsed.default_prefix()) observer.expanded_default(state);
    result = run(parsed, state, &observer, level);
  }
  out.security_level = result.security_level;
  finish(state, result.failed, out);
  observer.finished(state);
}

void prepared_release::finish(const list_state& state, bool failed, evaluation& out) const {
  const bool tls13 = release_.engine() == engine_family::openssl_1_1_1;
  // The list the context holds afterwards: the new one, or on a syntax failure the one it had
  // (DEFAULT); on 1.1.1+ the TLS 1.3 suites come first either way.
  const list_state& held = failed ? after_default_ : state;
  const std::size_t n13 = tls13 ? tls13_.size() : 0;
  out.ciphers.resize(n13 + held.active_count());
  const cipher** next = out.ciphers.data();
  for (std::size_t i = 0; i < n13; ++i) *next++ = tls13_[i];
  const cipher* const* order = order_.data();
  held.for_each_active([&](unsigned c) { *next++ = order[c]; });
  if (failed) {
    out.failure = failure_reason::syntax;
  } else if (state.active_set.none()) {
    // The context's list is replaced anyway: TLS 1.3 suites only (1.1.1+) or nothing.
    out.failure = failure_reason::no_cipher_selected;
  } else {
    out.ok = true;
  }
}

}  // namespace cipherexplain::detail
