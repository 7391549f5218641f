// SPDX-License-Identifier: Apache-2.0
#include "explain/findings_collector.hpp"

#include "diagnostics/finding.hpp"
#include "explain/string_checks.hpp"
#include "explain/unknown_word.hpp"
#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::detail {

findings_collector::findings_collector(const prepared_release& release,
                                       const lazy_name_suggestions& suggestions, const tree& parsed,
                                       evaluation& out, const evaluate_options& options)
    : release_(release),
      suggestions_(suggestions),
      parsed_(parsed),
      out_(out),
      trace_(options.detail == detail_level::trace),
      limits_(options.limits),
      histories_(release, options.follow, options.limits.max_events_per_suite) {
  static_assert(
      [] {
        std::size_t top = 0;
#define CIPHEREXPLAIN_DIAGNOSTIC(identifier, value, name, severity, summary, help) \
  top = top > (value) ? top : (value);
#include <cipherexplain/diagnostic_codes.def>
#undef CIPHEREXPLAIN_DIAGNOSTIC
        return top;
      }() < code_slots,
      "findings_collector counts findings per code in code_slots slots");
  killed_by_.fill(-1);
  out_.outcomes.assign(parsed.rules().size(), rule_outcome::not_reached);
  for (const diagnostic& d : parsed.diagnostics()) {
    // Errors are reported where OpenSSL actually reaches them.
    if (d.severity != severity::error) note(d);
  }
  check_default_glued();
}

void findings_collector::note(diagnostic d) {
  const auto code = static_cast<std::size_t>(d.code);
  if (kept_[code] >= limits_.max_findings_per_code) {
    ++omitted_[code];
    return;
  }
  ++kept_[code];
  out_.diagnostics.push_back(std::move(d));
}

bool findings_collector::record_step() {
  ++steps_seen_;
  if (!trace_) return false;
  if (out_.steps.size() < limits_.max_steps) return true;
  ++out_.steps_omitted;
  return false;
}

void findings_collector::follow_step(const step_change& c, const cipher_set& moved,
                                     const list_state& after) {
  if (histories_.active()) histories_.step(steps_seen_ - 1, c, moved, after);
}

std::vector<const cipher*> findings_collector::active_list(const list_state& s) const {
  std::vector<const cipher*> out;
  s.for_each_active([&](unsigned c) { out.push_back(release_.order()[c]); });
  return out;
}

std::string findings_collector::position(std::size_t offset) {
  // Built on the first position asked for: most strings need none.
  if (!lines_) lines_.emplace(parsed_.source());
  return to_string(lines_->at(offset));
}

void findings_collector::add_step(std::size_t rule_index, rule_outcome outcome) {
  if (!record_step()) return;
  step s;
  s.rule_index = rule_index;
  s.text = parsed_.rules()[rule_index].text;
  s.outcome = outcome;
  s.list = active_list(current_);
  out_.steps.push_back(std::move(s));
}

void findings_collector::expanded_default(const list_state& after) {
  current_ = after;
  (cipher_set::first(static_cast<unsigned>(release_.order().size())) - after.alive)
      .for_each([&](unsigned i) { killed_by_[i] = killed_by_default; });
  const bool recorded = record_step();
  step_change c{
      step::kind::default_prefix, *parsed_.default_prefix(), {}, after.active_set, {}, {}};
  follow_step(c, {}, after);
  if (!recorded) return;
  step s;
  s.what = step::kind::default_prefix;
  s.text = *parsed_.default_prefix();
  s.added = s.list = active_list(after);
  out_.steps.push_back(std::move(s));
}

void findings_collector::replaced_by_suiteb(const list_state& after) {
  current_ = after;
  const source_range s = parsed_.suiteb_range();
  const tree& replacement = release_.suiteb_string(parsed_.suiteb());
  note(make_finding(
      diagnostic_code::suiteb_prefix,
      fmt::format(
          "'{}' makes OpenSSL ignore the whole string and use '{}'; the context also stays in Suite B mode for cipher strings set on it later",
          parsed_.text(s), replacement.source()),
      s.offset, parsed_.source().size() - s.offset));
  const bool recorded = record_step();
  const source_range whole{s.offset,
                           static_cast<std::uint32_t>(parsed_.source().size()) - s.offset};
  follow_step({step::kind::suiteb_prefix, whole, {}, after.active_set, {}, {}}, {}, after);
  if (!recorded) return;
  step st;
  st.what = step::kind::suiteb_prefix;
  st.text = whole;
  st.added = st.list = active_list(after);
  out_.steps.push_back(std::move(st));
}

void findings_collector::skipped(std::size_t rule_index) {
  out_.outcomes[rule_index] = rule_outcome::skipped;
  add_step(rule_index, rule_outcome::skipped);
}

void findings_collector::missing_name(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::missing_name;
  note(detail::missing_name(parsed_, parsed_.rules()[rule_index], word));
  add_step(rule_index, rule_outcome::missing_name);
}

void findings_collector::skipped_rest(std::size_t rule_index, std::size_t word,
                                      std::string_view why, std::size_t covered_to) {
  const auto rules = parsed_.rules();
  const std::uint32_t segment = rules[rule_index].segment;
  // Bytes another finding already covers (a whole TLS 1.3 or IANA name) are not repeated.
  const std::uint32_t from = std::max(parsed_.words(rules[rule_index])[word].end(),
                                      static_cast<std::uint32_t>(covered_to));
  std::uint32_t end = from;
  for (std::size_t i = rule_index; i < rules.size() && rules[i].segment == segment; ++i) {
    end = std::max({end, rules[i].text.end(), rules[i].tail.end()});
  }
  if (end > from) {
    note_lazily(diagnostic_code::skipped_text, [&] {
      return make_finding(
          diagnostic_code::skipped_text,
          fmt::format("after {} OpenSSL skips everything up to the next separator", why), from,
          end - from);
    });
  }
}

void findings_collector::unknown_name(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::unknown_name;
  add_step(rule_index, rule_outcome::unknown_name);
  const auto rules = parsed_.rules();
  const struct rule& r = rules[rule_index];
  const bool skips_nothing = r.tail.length == 0 && (rule_index + 1 == rules.size() ||
                                                    rules[rule_index + 1].segment != r.segment);
  const bool suggest = suggestions_made_ < limits_.max_suggestions;
  if (suggest) ++suggestions_made_;
  diagnostic finding =
      unknown_word_finding(release_, suggestions_, parsed_, r, parsed_.words(r)[word],
                           skips_nothing, suggest, [this](diagnostic_code c) { return !full(c); });
  const std::size_t covered_to = finding.offset + finding.length;
  note(std::move(finding));
  skipped_rest(rule_index, word, "an unknown name", covered_to);
}

void findings_collector::conflict(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::conflict;
  add_step(rule_index, rule_outcome::conflict);
  const struct rule& r = parsed_.rules()[rule_index];
  note(make_finding(
      diagnostic_code::conflicting_names,
      fmt::format(
          "'{}' cannot match anything together with what precedes it in the '+' chain; OpenSSL ignores the rule",
          parsed_.text(parsed_.words(r)[word])),
      r.text.offset, r.text.length));
  skipped_rest(rule_index, word, "a dropped rule");
}

void findings_collector::command(std::size_t rule_index, const command_word& c,
                                 const list_state& before, const list_state& after) {
  const struct rule& r = parsed_.rules()[rule_index];
  const bool ok = c.kind == command_kind::strength || c.kind == command_kind::seclevel;
  out_.outcomes[rule_index] = ok ? rule_outcome::command_done : rule_outcome::command_failed;
  if (!ok) note(bad_command(parsed_, r, parsed_.dialect().seclevel_command));
  if (r.tail.length != 0) {
    note(make_finding(diagnostic_code::skipped_text,
                      fmt::format("OpenSSL ignores '{}' after a command, up to the next separator",
                                  parsed_.text(r.tail)),
                      r.tail.offset, r.tail.length));
  }
  if (c.kind == command_kind::strength) strength_rule_ = rule_index;
  current_ = after;
  const bool recorded = record_step();
  const bool reorders = c.kind == command_kind::strength;
  const bool follow = reorders && histories_.wants_moves(before.active_set & after.active_set);
  const cipher_set moved =
      (recorded || follow) && reorders ? moved_between(before, after) : cipher_set{};
  follow_step({step::kind::rule, r.text, {}, {}, {}, {}}, moved, after);
  if (!recorded) return;
  step s;
  s.rule_index = rule_index;
  s.text = r.text;
  s.outcome = out_.outcomes[rule_index];
  s.list = active_list(after);
  s.moved = in_list_order(after, moved);
  out_.steps.push_back(std::move(s));
}

void findings_collector::applied(std::size_t rule_index, const pattern& p,
                                 const cipher_set& matched, const list_state& before,
                                 const list_state& after) {
  out_.outcomes[rule_index] = rule_outcome::applied;
  current_ = after;
  change c;
  c.added = after.active_set - before.active_set;
  c.killed = before.alive - after.alive;
  c.removed = before.active_set - after.active_set - c.killed;
  c.any = !before.equivalent(after);
  check_applied(rule_index, p, matched, before, c);
  const bool recorded = record_step();
  // Only '+' reorders suites that stay listed: additions append, removals keep the order.
  const struct rule& r = parsed_.rules()[rule_index];
  const bool reorders = r.op == rule_op::move_to_end && c.any;
  const bool follow =
      reorders && histories_.wants_moves(matched & before.active_set & after.active_set);
  const cipher_set moved =
      (recorded || follow) && reorders ? moved_between(before, after) : cipher_set{};
  if (histories_.active()) {
    follow_step({step::kind::rule, r.text, matched & before.alive, c.added, c.removed, c.killed},
                moved, after);
  }
  if (recorded) add_applied_step(rule_index, matched, before, after, c, moved);
}

// What diff_lists() calls moved between the active lists, worked out on positions in fixed
// arrays: it runs for every '+' rule of a followed suite, so it must cost little.
cipher_set findings_collector::moved_between(const list_state& before,
                                             const list_state& after) const {
  std::array<std::uint16_t, max_collected> old_place{};
  constexpr std::uint16_t absent = 0xffff;
  old_place.fill(absent);
  std::uint16_t n = 0;
  before.for_each_active([&](unsigned i) { old_place[i] = n++; });
  // The common suites in new-list order, with their old places: those off one longest
  // increasing subsequence moved (patience sorting, as diff_lists does, so both agree).
  std::array<std::uint8_t, max_collected> common{};
  std::array<std::uint16_t, max_collected> place{};
  std::size_t count = 0;
  after.for_each_active([&](unsigned i) {
    if (old_place[i] != absent) {
      common[count] = static_cast<std::uint8_t>(i);
      place[count++] = old_place[i];
    }
  });
  std::array<std::uint16_t, max_collected> tails{};
  std::array<std::int16_t, max_collected> previous{};
  std::size_t length = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const auto* pos =
        std::lower_bound(tails.data(), tails.data() + length, place[k],
                         [&](std::uint16_t t, std::uint16_t v) { return place[t] < v; });
    const auto at = static_cast<std::size_t>(pos - tails.data());
    previous[k] = at == 0 ? std::int16_t{-1} : static_cast<std::int16_t>(tails[at - 1]);
    tails[at] = static_cast<std::uint16_t>(k);
    if (at == length) ++length;
  }
  cipher_set stayed;
  for (auto k = length == 0 ? -1 : static_cast<int>(tails[length - 1]); k >= 0;
       k = previous[static_cast<std::size_t>(k)])
    stayed.set(common[static_cast<std::size_t>(k)]);
  cipher_set out;
  for (std::size_t k = 0; k < count; ++k) {
    if (!stayed.test(common[k])) out.set(common[k]);
  }
  return out;
}

std::vector<const cipher*> findings_collector::in_list_order(const list_state& st,
                                                             const cipher_set& set) const {
  // In OpenSSL's list order: removed ones at the head, then untouched, then active.
  const auto order = release_.order();
  std::vector<const cipher*> out;
  st.for_each_removed([&](unsigned i) {
    if (set.test(i)) out.push_back(order[i]);
  });
  (set & (st.alive - st.removed_set - st.active_set)).for_each([&](unsigned i) {
    out.push_back(order[i]);
  });
  st.for_each_active([&](unsigned i) {
    if (set.test(i)) out.push_back(order[i]);
  });
  return out;
}

void findings_collector::add_applied_step(std::size_t rule_index, const cipher_set& matched,
                                          const list_state& before, const list_state& after,
                                          const change& c, const cipher_set& moved) {
  step s;
  s.rule_index = rule_index;
  s.text = parsed_.rules()[rule_index].text;
  s.matched = in_list_order(before, matched & before.alive);
  s.added = in_list_order(after, c.added);
  s.removed = in_list_order(before, c.removed);
  s.killed = in_list_order(before, c.killed);
  s.list = active_list(after);
  s.moved = in_list_order(after, moved);
  out_.steps.push_back(std::move(s));
}

void findings_collector::finished(const list_state& final_state) {
  report_removals_undone(final_state);
  report_narrow_aliases();
  std::stable_sort(out_.diagnostics.begin(), out_.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.offset < b.offset; });
  // Findings about the whole string come last.
  add_whole_string_findings(release_, parsed_, out_, asked_for_old_protocols_, out_.diagnostics);
  for (std::size_t code = 0; code < code_slots; ++code) {
    if (omitted_[code] != 0)
      out_.diagnostics_omitted.push_back({static_cast<diagnostic_code>(code), omitted_[code]});
  }
  out_.histories = histories_.finish(out_);
}

}  // namespace cipherexplain::detail
