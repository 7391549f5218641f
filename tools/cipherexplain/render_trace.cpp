// SPDX-License-Identifier: Apache-2.0
// --trace and --why: what each rule did, and what happened to one suite, from the evaluation's
// steps (the evaluator records them; nothing is evaluated again here).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>

#include "render.hpp"

namespace cipherexplain::cli {
namespace {

std::string_view outcome_text(rule_outcome o) {
  switch (o) {
    case rule_outcome::not_reached:
      return "never read: OpenSSL stopped earlier";
    case rule_outcome::applied:
      return "applied";
    case rule_outcome::unknown_name:
      return "ignored: unknown name, and OpenSSL skips to the next separator";
    case rule_outcome::conflict:
      return "ignored: its '+' parts cannot match together";
    case rule_outcome::skipped:
      return "skipped: an earlier rule in the same segment was ignored";
    case rule_outcome::command_done:
      return "command carried out";
    case rule_outcome::command_failed:
      return "bad command: the call will fail";
    case rule_outcome::missing_name:
      return "a name is missing here: OpenSSL fails";
  }
  return "";
}

// The rule's text as the user wrote it, safe for a terminal.
std::string shown(std::string_view text) { return printable(text); }

// Each line wrapped to the width, continuing under its own text (names are never cut).
std::string fit_lines(std::string_view text) {
  const std::size_t width = output_width();
  std::string out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    std::size_t lead = 0;
    while (lead < line.size() && line[lead] == ' ') ++lead;
    out += wrapped(line, width, lead + 2);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  return out;
}

}  // namespace

std::string render_trace(const evaluator& release, std::string_view input, const evaluation& result,
                         const style& c) {
  std::string out = c.bold("What each rule did:") + "\n";
  const line_index lines(input);
  std::size_t number = 0;
  for (const step& s : result.steps) {
    const std::string_view text =
        input.substr(std::min<std::size_t>(s.text.offset, input.size()), s.text.length);
    std::string head;
    if (s.what == step::kind::default_prefix) {
      head = fmt::format("'{}' at 1:1: DEFAULT, that is '{}'", shown(text),
                         release.release().default_cipher_list());
    } else if (s.what == step::kind::suiteb_prefix) {
      head = fmt::format("'{}' at 1:1: a Suite B keyword replaces the whole string", shown(text));
    } else {
      head = fmt::format("'{}' at {}: {}", shown(text), to_string(lines.at(s.text.offset)),
                         outcome_text(s.outcome));
    }
    out += fmt::format("{:>3}. {}\n", ++number, head);
    if (s.what == step::kind::rule && s.outcome == rule_outcome::applied) {
      out += fmt::format("     matched {}{}\n", s.matched.size(),
                         s.matched.empty() ? "" : ": " + suite_names(s.matched));
    }
    if (!s.added.empty())
      out += fmt::format("     added {}: {}\n", s.added.size(), suite_names(s.added));
    if (!s.removed.empty()) {
      out += fmt::format("     removed {} (a later rule may add them back): {}\n", s.removed.size(),
                         suite_names(s.removed));
    }
    if (!s.killed.empty())
      out += fmt::format("     removed for good {}: {}\n", s.killed.size(), suite_names(s.killed));
    if (!s.moved.empty())
      out += fmt::format("     moved {}: {}\n", s.moved.size(), suite_names(s.moved));
    out +=
        c.dim(fmt::format("     list: {} suite{}", s.list.size(), s.list.size() == 1 ? "" : "s")) +
        "\n";
  }
  if (result.steps.empty() && result.steps_omitted == 0) out += "   (no rules)\n";
  if (result.steps_omitted != 0) {
    out += fmt::format(
        "     ... and {} more step{} not shown: the trace stops after {} (--trace-limit N shows more, 0 all)\n",
        result.steps_omitted, result.steps_omitted == 1 ? "" : "s", result.steps.size());
  }
  return fit_lines(out);
}

std::vector<const cipher*> why_suites(const catalog& release,
                                      const std::vector<std::string>& names) {
  std::vector<const cipher*> out;
  for (const std::string& name : names) {
    const cipher* suite = find_suite(release, name);
    if (suite == nullptr) {
      const auto near = nearest_suite_names(release, name);
      std::string hint;
      for (std::size_t i = 0; i < near.size(); ++i)
        hint += fmt::format("{}'{}'", i == 0 ? "; did you mean " : " or ", near[i]);
      throw CLI::ValidationError(
          "--why", fmt::format("OpenSSL {} has no suite named '{}'{}", release.release(), name,
                               hint.empty() ? "" : hint + "?"));
    }
    if (std::find(out.begin(), out.end(), suite) == out.end()) out.push_back(suite);
  }
  return out;
}

std::string render_why(const evaluator& release, std::string_view input, const evaluation& result,
                       const suite_history& h) {
  const cipher& suite = *h.suite;
  std::string out = fmt::format("Why {} is{} in the list:\n", suite.name, h.listed ? "" : " not");
  switch (h.standing) {
    case suite_standing::tls13:
      return out +
             "  It is a TLS 1.3 suite: every list starts with the TLS 1.3 suites the context allows, and cipher\n"
             "  strings never add, move or remove them (SSL_CTX_set_ciphersuites() does).\n";
    case suite_standing::signalling:
      return out +
             fmt::format(
                 "  It is a signalling value, not a cipher suite: OpenSSL {} never lists it.\n",
                 release.release().release());
    case suite_standing::needs_option:
      return out +
             fmt::format(
                 "  OpenSSL {} with this build never considers it: it needs the build option {}.\n",
                 release.release().release(), suite.option);
    case suite_standing::unavailable:
      return out +
             fmt::format(
                 "  OpenSSL {} with this build never considers it: its algorithms are not available.\n",
                 release.release().release());
    case suite_standing::considered:
      break;
  }
  const line_index lines(input);
  // The same rule text doing the same to the suite again and again ('HIGH' 8,000 times) is one
  // line with a count and where the others are.
  auto same = [&](const suite_event& a, const suite_event& b) {
    return a.action == b.action && a.position == b.position &&
           input.substr(std::min<std::size_t>(a.text.offset, input.size()), a.text.length) ==
               input.substr(std::min<std::size_t>(b.text.offset, input.size()), b.text.length);
  };
  for (std::size_t k = 0; k < h.events.size();) {
    const suite_event& e = h.events[k];
    if (h.events_omitted != 0 && k == h.events_omitted_at) {
      out += fmt::format("  ... {} more rule{} touched it here (not shown; the last {} follow)\n",
                         h.events_omitted, h.events_omitted == 1 ? "" : "s", h.events.size() - k);
    }
    std::string what;
    switch (e.action) {
      case suite_action::brought_in:
        what = "brought it in";
        break;
      case suite_action::added:
        what = "added it";
        break;
      case suite_action::removed_for_good:
        what = "removed it for good";
        break;
      case suite_action::removed:
        what = "removed it (a later rule may add it back)";
        break;
      case suite_action::moved:
        what = "moved it";
        break;
      case suite_action::matched_unchanged:
        what = "matched it but changed nothing for it";
        break;
    }
    const std::string_view text =
        input.substr(std::min<std::size_t>(e.text.offset, input.size()), e.text.length);
    out += fmt::format("  '{}' at {} {}{}\n", shown(text), to_string(lines.at(e.text.offset)), what,
                       e.position ? fmt::format(" (now at position {})", *e.position) : "");
    // Its repeats, up to the omitted stretch (which is said on its own line).
    const std::size_t stop =
        h.events_omitted != 0 && k < h.events_omitted_at ? h.events_omitted_at : h.events.size();
    std::size_t next = k + 1;
    while (next < stop && same(e, h.events[next])) ++next;
    if (const std::size_t repeats = next - k - 1; repeats != 0) {
      std::string where;
      for (std::size_t r = k + 1; r < next && r < k + 4; ++r)
        where += (r == k + 1 ? "" : ", ") + to_string(lines.at(h.events[r].text.offset));
      if (repeats > 3) where += fmt::format(" and {} more", repeats - 3);
      out += fmt::format("    (the same {} more time{}: at {})\n", repeats, repeats == 1 ? "" : "s",
                         where);
    }
    k = next;
  }
  if (h.events.empty()) out += "  No rule matched it.\n";
  if (!result.ok) out += "  OpenSSL rejects the string, so no list results from it.\n";
  return fit_lines(out);
}

}  // namespace cipherexplain::cli
