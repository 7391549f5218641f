// SPDX-License-Identifier: Apache-2.0
// The checks the findings collector makes on the rules it sees applied, and on what they left
// at the end: default-glued, no-effect, strength-undone, tls13-unaffected, removal-undone and
// narrow-alias.

#include "diagnostics/finding.hpp"
#include "explain/findings_collector.hpp"
#include "explain/wording.hpp"
#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::detail {
namespace {

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

}  // namespace

// Who removed these suites for good: "DEFAULT", "'!aNULL' (1:6)", or both.
std::string findings_collector::killers_text(const cipher_set& suites) {
  std::vector<int> killers;
  suites.for_each([&](unsigned i) {
    if (std::find(killers.begin(), killers.end(), killed_by_[i]) == killers.end())
      killers.push_back(killed_by_[i]);
  });
  std::sort(killers.begin(), killers.end());
  std::vector<std::string> names;
  for (const int k : killers) {
    if (k == killed_by_default) {
      names.emplace_back("DEFAULT");
    } else if (k >= 0) {
      const source_range at = parsed_.rules()[static_cast<std::size_t>(k)].text;
      names.push_back(fmt::format("'{}' ({})", parsed_.text(at), position(at.offset)));
    }
  }
  if (names.size() > 3) {
    names.resize(3);
    names.back() = "others";
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

// Why a rule that changed nothing changed nothing.
std::string findings_collector::no_effect_reason(const rule& r, std::string_view text,
                                                 const cipher_set& matched,
                                                 const list_state& before) {
  if (matched.none()) {
    return fmt::format("'{}' matches no suite this build can use",
                       text.substr(op_text(r.op).size()));
  }
  const cipher_set gone = matched - before.alive;
  if (gone == matched) {
    return fmt::format("every suite it matches was removed for good before, by {}",
                       killers_text(gone));
  }
  const std::string also_gone =
      gone.any() ? fmt::format(" (the others were removed for good by {})", killers_text(gone))
                 : "";
  switch (r.op) {
    case rule_op::add:
      return "every suite it matches is already in the list" + also_gone;
    case rule_op::remove:
      return "none of the suites it matches is in the list" + also_gone;
    case rule_op::move_to_end:
      if ((matched & before.active_set).none())
        return "none of the suites it matches is in the list" + also_gone;
      return "the suites it matches are already at the end of the list, in that order";
    case rule_op::kill:
    case rule_op::command:
      break;
  }
  return "nothing it matches is left";
}

// "DEFAULTz": OpenSSL tests only the seven bytes, so z becomes a rule of its own.
void findings_collector::check_default_glued() {
  const auto prefix = parsed_.default_prefix();
  if (!prefix || prefix->length != 7) return;
  const std::string_view rest = parsed_.source().substr(7, effective_end(parsed_) - 7);
  const auto word_end = std::find_if(rest.begin(), rest.end(), [](char c) {
    return is_separator(c) || c == '!' || c == '+' || c == '-' || c == '@';
  });
  const std::string_view glued = rest.substr(0, static_cast<std::size_t>(word_end - rest.begin()));
  if (!glued.empty() && !parsed_.rules().empty() && parsed_.rules().front().text.offset == 7 &&
      parsed_.rules().front().op == rule_op::add) {
    note(make_finding(
        diagnostic_code::default_glued,
        fmt::format(
            "OpenSSL reads only the first 7 bytes as DEFAULT and then '{}' as a rule of its own",
            glued),
        7, glued.size(), fmt::format("write 'DEFAULT:{}' if that is meant", glued)));
  }
}

void findings_collector::check_applied(std::size_t rule_index, const pattern& p,
                                       const cipher_set& matched, const list_state& before,
                                       const change& c) {
  const struct rule& r = parsed_.rules()[rule_index];
  const auto words = parsed_.words(r);
  const std::string_view text = parsed_.text(r.text);

  if (!c.any) {
    note_lazily(diagnostic_code::no_effect, [&] {
      return make_finding(
          diagnostic_code::no_effect,
          fmt::format("'{}' changes nothing: {}", text, no_effect_reason(r, text, matched, before)),
          r.text.offset, r.text.length);
    });
  }
  if (r.op == rule_op::add && (p.version == version::sslv3 || p.version == version::tlsv1)) {
    asked_for_old_protocols_ = true;
  }

  // '-' can be undone by a later addition; remember who removed what, as one set per removing
  // rule (at most one entry per suite, so the list stays short).
  c.killed.for_each([&](unsigned i) { killed_by_[i] = static_cast<int>(rule_index); });
  const cipher_set gone = c.removed | c.killed;
  if (gone.any() || c.added.any()) {
    for (removal& pending : removed_by_) {
      if (c.added.any()) {
        if (const cipher_set back = pending.suites & c.added; back.any())
          removals_undone_.push_back({static_cast<std::uint32_t>(pending.remove_rule),
                                      static_cast<std::uint32_t>(rule_index), undone_set(back)});
      }
      pending.suites = pending.suites - gone - c.added;
    }
    std::erase_if(removed_by_, [](const removal& pending) { return pending.suites.none(); });
    if (c.removed.any()) removed_by_.push_back({rule_index, 0, c.removed});
  }

  if (strength_rule_ && c.any && (c.added.any() || r.op == rule_op::move_to_end)) {
    note_lazily(diagnostic_code::strength_undone, [&] {
      const std::string at = position(parsed_.rules()[*strength_rule_].text.offset);
      return make_finding(
          diagnostic_code::strength_undone,
          c.added.any()
              ? fmt::format(
                    "'{}' comes after @STRENGTH ({}): the {} suites it adds go to the end in preference order, not sorted by strength",
                    text, at, c.added.count())
              : fmt::format(
                    "'{}' comes after @STRENGTH ({}) and moves suites out of strength order", text,
                    at),
          r.text.offset, r.text.length, "put @STRENGTH last");
    });
  }

  const bool removes = r.op == rule_op::remove || r.op == rule_op::kill;
  if (removes && words.size() == 1) {
    if (const lookup_entry* e = release_.find(parsed_.text(words[0]));
        e != nullptr && e->named != nullptr) {
      narrow_checks_.push_back({rule_index, e->named, p});
    }
  }
  if (removes && release_.release().engine() == engine_family::openssl_1_1_1) {
    std::vector<const cipher*> stay;
    for (const cipher* s : release_.tls13()) {
      if (release_.matches(p, *s)) stay.push_back(s);
    }
    if (!stay.empty()) {
      note_lazily(diagnostic_code::tls13_unaffected, [&] {
        return make_finding(
            diagnostic_code::tls13_unaffected,
            fmt::format("'{}' does not touch TLS 1.3 suites: {} stay{} in the list", text,
                        suites_text(stay), stay.size() == 1 ? "s" : ""),
            r.text.offset, r.text.length,
            "choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites)");
      });
    }
  }
}

std::uint32_t findings_collector::undone_set(const cipher_set& suites) {
  constexpr std::size_t recent = 8;
  for (std::size_t k = undone_sets_.size(), seen = 0; k > 0 && seen < recent; --k, ++seen) {
    if (undone_sets_[k - 1] == suites) return static_cast<std::uint32_t>(k - 1);
  }
  undone_sets_.push_back(suites);
  return static_cast<std::uint32_t>(undone_sets_.size() - 1);
}

// Removals a later rule undid, reported at the '-' rule, when those suites end up listed.
void findings_collector::report_removals_undone(const list_state& final_state) {
  const auto order = release_.order();
  // By removing rule, each with the first rule that undid it.
  std::stable_sort(removals_undone_.begin(), removals_undone_.end(),
                   [](const undone& a, const undone& b) { return a.remove_rule < b.remove_rule; });
  for (std::size_t i = 0; i < removals_undone_.size();) {
    const std::size_t remove_rule = removals_undone_[i].remove_rule;
    const std::size_t add_rule = removals_undone_[i].add_rule;
    cipher_set back_in;
    for (; i < removals_undone_.size() && removals_undone_[i].remove_rule == remove_rule; ++i)
      back_in |= undone_sets_[removals_undone_[i].suites];
    back_in &= final_state.active_set;
    if (back_in.none()) continue;
    const struct rule& r = parsed_.rules()[remove_rule];
    const struct rule& a = parsed_.rules()[add_rule];
    const std::string_view text = parsed_.text(r.text);
    // "aNULL:-aNULL:HIGH" (Postfix's idiom) adds suites and parks them at once, on purpose: a
    // later addition brings them back at the end of the list. That is ordering, not a slip.
    if (remove_rule > 0) {
      const struct rule& before = parsed_.rules()[remove_rule - 1];
      if (before.op == rule_op::add && parsed_.text(before.text) == text.substr(1)) continue;
    }
    note_lazily(diagnostic_code::removal_undone, [&] {
      std::vector<const cipher*> back;
      back_in.for_each([&](unsigned s) { back.push_back(order[s]); });
      return make_finding(
          diagnostic_code::removal_undone,
          fmt::format(
              "'{}' takes suites out only until a later rule adds them back: '{}' ({}) does, so {} end{} up in the list",
              text, parsed_.text(a.text), position(a.text.offset), suites_text(back),
              back.size() == 1 ? "s" : ""),
          r.text.offset, r.text.length,
          fmt::format("write '!{}' to remove them for good", text.substr(1)));
    });
  }
}

// Removals that leave suites whose names contain the alias: "-DSS" keeps DH-DSS suites.
void findings_collector::report_narrow_aliases() {
  if (!out_.ok) return;
  // The same removal again and again ("-HIGH" 100,000 times) leaves the same suites: each
  // distinct alias and pattern is checked against the list once.
  struct checked {
    const alias* named;
    pattern p;
    std::vector<const cipher*> left;
  };
  std::vector<checked> seen;
  auto same = [](const pattern& a, const pattern& b) {
    return a.algorithms == b.algorithms && a.version == b.version && a.strength == b.strength &&
           a.cipher == b.cipher;
  };
  for (const narrow_check& n : narrow_checks_) {
    auto it = std::find_if(seen.begin(), seen.end(),
                           [&](const checked& c) { return c.named == n.named && same(c.p, n.p); });
    if (it == seen.end()) {
      checked c{n.named, n.p, {}};
      for (const cipher* s : out_.ciphers) {
        if (s->table != cipher_table::tls13 && has_component(s->name, n.named->name) &&
            !release_.matches(n.p, *s)) {
          c.left.push_back(s);
        }
      }
      seen.push_back(std::move(c));
      it = seen.end() - 1;
    }
    const std::vector<const cipher*>& left = it->left;
    if (left.empty()) continue;
    note_lazily(diagnostic_code::narrow_alias, [&] {
      const struct rule& r = parsed_.rules()[n.rule_index];
      return make_finding(
          diagnostic_code::narrow_alias,
          fmt::format("'{}' leaves {} with {} in {} name{}: '{}' means {}", parsed_.text(r.text),
                      suites_text(left), n.named->name, left.size() == 1 ? "its" : "their",
                      left.size() == 1 ? "" : "s", n.named->name, describe_masks(*n.named)),
          r.text.offset, r.text.length);
    });
  }
}

}  // namespace cipherexplain::detail
