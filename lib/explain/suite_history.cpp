// SPDX-License-Identifier: Apache-2.0
// --why: one suite's path through the run, recorded by history_recorder as the rules are read.

#include <cipherexplain/suite_history.hpp>

#include "explain/history_recorder.hpp"

#include <algorithm>

namespace cipherexplain {

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

namespace detail {

history_recorder::history_recorder(const prepared_release& release,
                                   std::span<const cipher* const> follow, std::size_t max_events)
    : head_(max_events == evaluation_limits::unlimited ? max_events : max_events - max_events / 2),
      tail_(max_events == evaluation_limits::unlimited ? 0 : max_events / 2) {
  const auto order = release.order();
  for (const cipher* suite : follow) {
    followed f;
    f.history.suite = suite;
    if (suite->table == cipher_table::tls13) {
      f.history.standing = suite_standing::tls13;
    } else if (suite->table == cipher_table::scsv) {
      f.history.standing = suite_standing::signalling;
    } else if (const auto at = std::find(order.begin(), order.end(), suite); at != order.end()) {
      f.index = static_cast<int>(at - order.begin());
      followed_.set(static_cast<unsigned>(f.index));
    } else {
      f.history.standing =
          suite->option.empty() ? suite_standing::unavailable : suite_standing::needs_option;
    }
    suites_.push_back(std::move(f));
  }
}

void history_recorder::add(followed& f, const suite_event& e) const {
  suite_history& h = f.history;
  if (h.events.size() < head_) {
    h.events.push_back(e);
  } else if (tail_ == 0) {
    ++h.events_omitted;
  } else if (f.tail.size() < tail_) {
    f.tail.push_back(e);
  } else {
    f.tail[f.tail_next] = e;  // the oldest of the kept latest events goes
    f.tail_next = (f.tail_next + 1) % tail_;
    ++h.events_omitted;
  }
}

void history_recorder::step(std::size_t ordinal, const step_change& c, const cipher_set& moved,
                            const list_state& after) {
  for (followed& f : suites_) {
    if (f.index < 0) continue;
    const auto i = static_cast<unsigned>(f.index);
    suite_action action{};
    if (c.added.test(i))
      action = c.what == step::kind::rule ? suite_action::added : suite_action::brought_in;
    else if (c.killed.test(i))
      action = suite_action::removed_for_good;
    else if (c.removed.test(i))
      action = suite_action::removed;
    else if (moved.test(i))
      action = suite_action::moved;
    else if (c.matched.test(i))
      action = suite_action::matched_unchanged;
    else
      continue;
    suite_event e{ordinal, c.text, action, std::nullopt};
    if (after.active_set.test(i)) {
      std::size_t place = 0;
      after.for_each_active([&](unsigned s) {
        if (e.position) return;
        ++place;
        if (s == i) e.position = place;
      });
    }
    add(f, e);
  }
}

std::vector<suite_history> history_recorder::finish(const evaluation& result) {
  std::vector<suite_history> out;
  out.reserve(suites_.size());
  for (followed& f : suites_) {
    suite_history& h = f.history;
    h.listed = result.ok && std::find(result.ciphers.begin(), result.ciphers.end(), h.suite) !=
                                result.ciphers.end();
    h.events_omitted_at = h.events.size();
    if (!f.tail.empty()) {
      std::rotate(f.tail.begin(), f.tail.begin() + static_cast<std::ptrdiff_t>(f.tail_next),
                  f.tail.end());
      h.events.insert(h.events.end(), f.tail.begin(), f.tail.end());
    }
    if (h.events_omitted == 0) h.events_omitted_at = 0;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace detail
}  // namespace cipherexplain
