// --why: one suite's path through the trace the evaluator recorded (nothing is evaluated again).

#include <cipherexplain/suite_history.hpp>

#include <algorithm>

namespace cipherexplain {
namespace {

bool has(const std::vector<const cipher*>& v, const cipher* suite) {
  return std::find(v.begin(), v.end(), suite) != v.end();
}

}  // namespace

std::string_view action_name(suite_action action) noexcept {
  switch (action) {
    case suite_action::brought_in:
      return "brought-in";
    case suite_action::added:
      return "added";
    case suite_action::removed_for_good:
      return "removed-for-good";
    case suite_action::removed:
      return "removed";
    case suite_action::moved:
      return "moved";
    case suite_action::matched_unchanged:
      return "matched-unchanged";
  }
  return "";
}

suite_history history_of(const evaluation& traced, const cipher& suite,
                         std::span<const cipher* const> considered) {
  suite_history out;
  out.suite = &suite;
  out.listed = traced.ok && has(traced.ciphers, &suite);
  if (suite.table == cipher_table::tls13) {
    out.standing = suite_standing::tls13;
  } else if (suite.table == cipher_table::scsv) {
    out.standing = suite_standing::signalling;
  } else if (std::find(considered.begin(), considered.end(), &suite) == considered.end()) {
    out.standing =
        suite.option.empty() ? suite_standing::unavailable : suite_standing::needs_option;
  }
  if (out.standing != suite_standing::considered) return out;
  for (std::size_t i = 0; i < traced.steps.size(); ++i) {
    const step& s = traced.steps[i];
    std::optional<suite_action> action;
    if (has(s.added, &suite))
      action = s.what == step::kind::rule ? suite_action::added : suite_action::brought_in;
    else if (has(s.killed, &suite))
      action = suite_action::removed_for_good;
    else if (has(s.removed, &suite))
      action = suite_action::removed;
    else if (has(s.moved, &suite))
      action = suite_action::moved;
    else if (has(s.matched, &suite))
      action = suite_action::matched_unchanged;
    if (!action) continue;
    suite_event e{i, s.text, *action, std::nullopt};
    if (const auto at = std::find(s.list.begin(), s.list.end(), &suite); at != s.list.end())
      e.position = static_cast<std::size_t>(at - s.list.begin()) + 1;
    out.events.push_back(e);
  }
  return out;
}

}  // namespace cipherexplain
