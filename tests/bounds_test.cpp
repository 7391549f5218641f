// SPDX-License-Identifier: Apache-2.0
// What an evaluation records is bounded (issue 12): the first findings of each code, the first
// steps, the first and last events of a followed suite, the first suggestions; the rest is
// counted, never silently lost. And the histories recorded in the run (--why) are exactly what
// the full trace says happened to each suite.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include "oracle_data.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

const evaluator& release_3_0() {
  static const evaluator e(*catalog::find("3.0"));
  return e;
}

std::string repeated(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::size_t kept(const evaluation& e, diagnostic_code code) {
  return static_cast<std::size_t>(
      std::count_if(e.diagnostics.begin(), e.diagnostics.end(),
                    [&](const diagnostic& d) { return d.code == code; }));
}

std::size_t omitted(const evaluation& e, diagnostic_code code) {
  for (const omitted_findings& o : e.diagnostics_omitted) {
    if (o.code == code) return o.count;
  }
  return 0;
}

// The events of one suite read back from a whole trace, the way --why worked before the
// histories were recorded in the run.
std::vector<suite_event> events_from_trace(const evaluation& traced, const cipher& suite) {
  auto has = [&](const std::vector<const cipher*>& v) {
    return std::find(v.begin(), v.end(), &suite) != v.end();
  };
  std::vector<suite_event> out;
  for (std::size_t i = 0; i < traced.steps.size(); ++i) {
    const step& s = traced.steps[i];
    std::optional<suite_action> action;
    if (has(s.added))
      action = s.what == step::kind::rule ? suite_action::added : suite_action::brought_in;
    else if (has(s.killed))
      action = suite_action::removed_for_good;
    else if (has(s.removed))
      action = suite_action::removed;
    else if (has(s.moved))
      action = suite_action::moved;
    else if (has(s.matched))
      action = suite_action::matched_unchanged;
    if (!action) continue;
    suite_event e{i, s.text, *action, std::nullopt};
    if (const auto at = std::find(s.list.begin(), s.list.end(), &suite); at != s.list.end())
      e.position = static_cast<std::size_t>(at - s.list.begin()) + 1;
    out.push_back(e);
  }
  return out;
}

bool same_events(const std::vector<suite_event>& a, const std::vector<suite_event>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.step == y.step && x.text == y.text && x.action == y.action && x.position == y.position;
  });
}

TEST(bounds, histories_recorded_in_the_run_are_what_the_trace_says) {
  // Every corpus string on three engines, following every suite the release can select.
  for (const char* name : {"1.0.2", "1.1.1", "3.0", "4.0"}) {
    const evaluator release(*catalog::find(name));
    evaluate_options options;
    options.detail = detail_level::trace;
    options.limits.max_steps = evaluation_limits::unlimited;
    options.limits.max_events_per_suite = evaluation_limits::unlimited;
    const auto order = release.preference_order();
    options.follow.assign(order.begin(), order.end());
    std::size_t events = 0;
    for (const std::string& input : cipherexplain::testing::corpus_lines()) {
      const evaluation e = release.evaluate(input, options);
      ASSERT_EQ(e.histories.size(), order.size());
      for (std::size_t k = 0; k < order.size(); ++k) {
        const suite_history& h = e.histories[k];
        ASSERT_EQ(h.suite, order[k]);
        EXPECT_EQ(h.standing, suite_standing::considered);
        EXPECT_EQ(h.events_omitted, 0u);
        EXPECT_TRUE(same_events(h.events, events_from_trace(e, *order[k])))
            << name << ": " << input << ": " << order[k]->name;
        events += h.events.size();
      }
    }
    EXPECT_GT(events, 10'000u) << name;  // the corpus touches suites a lot
  }
}

TEST(bounds, a_suite_no_rule_can_touch_says_why) {
  const catalog& c = *catalog::find("3.0");
  evaluate_options options;
  options.follow = {c.find_cipher("TLS_AES_128_GCM_SHA256"), c.find_cipher("TLS_FALLBACK_SCSV"),
                    c.find_cipher("SEED-SHA")};
  ASSERT_TRUE(std::none_of(options.follow.begin(), options.follow.end(),
                           [](const cipher* s) { return s == nullptr; }));
  const evaluation e = release_3_0().evaluate("ALL", options);
  ASSERT_EQ(e.histories.size(), 3u);
  EXPECT_EQ(e.histories[0].standing, suite_standing::tls13);
  EXPECT_EQ(e.histories[1].standing, suite_standing::signalling);
  EXPECT_EQ(e.histories[2].standing, suite_standing::unavailable);  // SEED needs legacy
  for (const suite_history& h : e.histories) EXPECT_TRUE(h.events.empty());
}

TEST(bounds, keeps_the_first_findings_of_a_code_and_counts_the_rest) {
  // 5,000 redundant '!3DES' (no-effect) and 5,000 unknown words.
  const std::string input = "ALL" + repeated(":!3DES", 5000) + repeated(":FOO", 5000);
  const evaluation e = release_3_0().evaluate(input);
  EXPECT_EQ(kept(e, diagnostic_code::no_effect), 1000u);
  EXPECT_EQ(omitted(e, diagnostic_code::no_effect), 4000u);
  EXPECT_EQ(kept(e, diagnostic_code::unknown_name), 1000u);
  EXPECT_EQ(omitted(e, diagnostic_code::unknown_name), 4000u);
  // The kept ones are the first ones.
  EXPECT_EQ(e.diagnostics.front().offset, 4u);
  // Unlimited keeps all.
  evaluate_options all;
  all.limits.max_findings_per_code = evaluation_limits::unlimited;
  const evaluation every = release_3_0().evaluate(input, all);
  EXPECT_EQ(kept(every, diagnostic_code::no_effect), 5000u);
  EXPECT_TRUE(every.diagnostics_omitted.empty());
  // The limit does not change the answer.
  EXPECT_EQ(e.ok, every.ok);
  EXPECT_EQ(e.ciphers, every.ciphers);
  EXPECT_EQ(e.outcomes, every.outcomes);
}

// Only findings that would have been made are counted: past 1,000 tls13-unaffected notes, a
// removal that touches no TLS 1.3 suite ('!aNULL') adds nothing to the count.
TEST(bounds, counts_only_findings_that_would_have_been_made) {
  const std::string input = "ALL" + repeated(":-AES", 1500) + repeated(":!aNULL", 500);
  const evaluation e = release_3_0().evaluate(input);
  EXPECT_EQ(kept(e, diagnostic_code::tls13_unaffected), 1000u);
  EXPECT_EQ(omitted(e, diagnostic_code::tls13_unaffected), 500u);
}

TEST(bounds, trace_stops_at_max_steps_and_counts_the_rest) {
  const std::string input = repeated("HIGH:!aNULL:", 100);
  evaluate_options options;
  options.detail = detail_level::trace;
  options.limits.max_steps = 30;
  const evaluation e = release_3_0().evaluate(input, options);
  ASSERT_EQ(e.steps.size(), 30u);
  EXPECT_EQ(e.steps_omitted, 170u);
  EXPECT_EQ(e.steps.back().rule_index, 29u);
  options.limits.max_steps = evaluation_limits::unlimited;
  const evaluation whole = release_3_0().evaluate(input, options);
  EXPECT_EQ(whole.steps.size(), 200u);
  EXPECT_EQ(whole.steps_omitted, 0u);
  EXPECT_EQ(e.ciphers, whole.ciphers);
}

TEST(bounds, history_keeps_the_first_and_the_last_events) {
  // Every 'HIGH' and '-HIGH' touches AES128-SHA: 2,002 events with the first and last rule.
  const std::string input = "HIGH:" + repeated("-HIGH:HIGH:", 1000) + "+AES128-SHA";
  const cipher* suite = release_3_0().release().find_cipher("AES128-SHA");
  ASSERT_NE(suite, nullptr);
  evaluate_options options;
  options.follow = {suite};
  options.limits.max_events_per_suite = 10;
  const evaluation e = release_3_0().evaluate(input, options);
  ASSERT_EQ(e.histories.size(), 1u);
  const suite_history& h = e.histories[0];
  ASSERT_EQ(h.events.size(), 10u);
  EXPECT_EQ(h.events_omitted, 1992u);
  EXPECT_EQ(h.events_omitted_at, 5u);
  EXPECT_EQ(h.events.front().step, 0u);
  EXPECT_EQ(h.events.front().action, suite_action::added);
  EXPECT_EQ(h.events[1].action, suite_action::removed);
  EXPECT_EQ(h.events[4].step, 4u);
  EXPECT_EQ(h.events[5].step, 1997u);
  EXPECT_EQ(h.events.back().step, 2001u);
  EXPECT_EQ(h.events.back().action, suite_action::moved);
  EXPECT_TRUE(h.listed);
}

TEST(bounds, suggestions_stop_after_max_suggestions) {
  const std::string input = repeated("HIHG:", 20) + "ALL";
  evaluate_options options;
  options.limits.max_suggestions = 3;
  const evaluation e = release_3_0().evaluate(input, options);
  std::size_t with = 0, without = 0;
  for (const diagnostic& d : e.diagnostics) {
    if (d.code != diagnostic_code::unknown_name) continue;
    (d.suggestion.empty() ? without : with) += 1;
  }
  EXPECT_EQ(with, 3u);
  EXPECT_EQ(without, 17u);
}

// What an evaluation holds grows with the rules (one outcome byte each), not with the findings
// the rules would produce: 100,000 undone removals keep 1,000 findings.
TEST(bounds, an_evaluation_of_a_long_string_holds_little) {
  const std::string input = repeated("ALL:-HIGH:", 100'000) + "ALL";
  const evaluation e = release_3_0().evaluate(input);
  EXPECT_EQ(kept(e, diagnostic_code::removal_undone), 1000u);
  EXPECT_EQ(omitted(e, diagnostic_code::removal_undone), 99'000u);
  EXPECT_LT(e.memory_bytes(), 2 * input.size());
}

}  // namespace
