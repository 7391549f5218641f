#include "explain/findings_collector.hpp"

#include <cipherexplain/list_diff.hpp>

#include "diagnostics/finding.hpp"
#include "explain/string_checks.hpp"
#include "explain/unknown_word.hpp"
#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::detail {

findings_collector::findings_collector(const prepared_release& release,
                                       const lazy_name_suggestions& suggestions, const tree& parsed,
                                       evaluation& out, bool trace)
    : release_(release), suggestions_(suggestions), parsed_(parsed), out_(out), trace_(trace) {
  removed_by_.fill(-1);
  killed_by_.fill(-1);
  out_.outcomes.assign(parsed.rules().size(), rule_outcome::not_reached);
  for (const diagnostic& d : parsed.diagnostics()) {
    // Errors are reported where OpenSSL actually reaches them.
    if (d.severity != severity::error) note(d);
  }
  check_default_glued();
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
  if (!trace_) return;
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
  if (!trace_) return;
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
  if (!trace_) return;
  step st;
  st.what = step::kind::suiteb_prefix;
  st.text = {s.offset, static_cast<std::uint32_t>(parsed_.source().size()) - s.offset};
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
    note(
        make_finding(diagnostic_code::skipped_text,
                     fmt::format("after {} OpenSSL skips everything up to the next separator", why),
                     from, end - from));
  }
}

void findings_collector::unknown_name(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::unknown_name;
  add_step(rule_index, rule_outcome::unknown_name);
  const auto rules = parsed_.rules();
  const struct rule& r = rules[rule_index];
  const bool skips_nothing = r.tail.length == 0 && (rule_index + 1 == rules.size() ||
                                                    rules[rule_index + 1].segment != r.segment);
  diagnostic finding = unknown_word_finding(release_, suggestions_, parsed_, r,
                                            parsed_.words(r)[word], skips_nothing);
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
  if (!trace_) return;
  step s;
  s.rule_index = rule_index;
  s.text = r.text;
  s.outcome = out_.outcomes[rule_index];
  const auto old_list = active_list(before);
  s.list = active_list(after);
  s.moved = diff_lists(old_list, s.list).moved;
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
  if (trace_) add_applied_step(rule_index, matched, before, after, c);
}

void findings_collector::add_applied_step(std::size_t rule_index, const cipher_set& matched,
                                          const list_state& before, const list_state& after,
                                          const change& c) {
  const auto order = release_.order();
  step s;
  s.rule_index = rule_index;
  s.text = parsed_.rules()[rule_index].text;
  // In OpenSSL's list order: removed ones at the head, then untouched, then active.
  auto in_list_order = [&](const list_state& st, const cipher_set& set) {
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
  };
  s.matched = in_list_order(before, matched & before.alive);
  s.added = in_list_order(after, c.added);
  s.removed = in_list_order(before, c.removed);
  s.killed = in_list_order(before, c.killed);
  s.list = active_list(after);
  s.moved = diff_lists(active_list(before), s.list).moved;
  out_.steps.push_back(std::move(s));
}

void findings_collector::finished(const list_state& final_state) {
  report_removals_undone(final_state);
  report_narrow_aliases();
  std::stable_sort(out_.diagnostics.begin(), out_.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.offset < b.offset; });
  // Findings about the whole string come last.
  add_whole_string_findings(release_, parsed_, out_, asked_for_old_protocols_, out_.diagnostics);
}

}  // namespace cipherexplain::detail
