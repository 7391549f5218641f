// SPDX-License-Identifier: Apache-2.0
#include "render.hpp"

#include <array>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace cipherexplain::cli {
std::string suite_names(const std::vector<const cipher*>& suites, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < suites.size() && i < shown; ++i) {
    if (i > 0) out += i + 1 == suites.size() ? " and " : ", ";
    out += suites[i]->name;
  }
  if (suites.size() > shown) out += fmt::format(" and {} more", suites.size() - shown);
  return out;
}

namespace {

// The accepted list as a table with ratings and usability, and the verdict under it: the
// rating of the weakest suite a connection can use (a suite none can use is no risk).
std::string suites_table(const evaluator& release, const evaluation& evaluated,
                         const configuration_result* resolved, const style& c) {
  // In a configuration, the context's list and what a connection there can use.
  supported_suites usable;
  std::vector<const cipher*> listed;
  std::vector<std::optional<unusable_reason>> reasons;
  if (resolved != nullptr) {
    for (const suite_use& u : resolved->suites) {
      listed.push_back(u.suite);
      reasons.push_back(u.unusable);
      if (u.unusable)
        usable.unusable.emplace_back(u.suite, *u.unusable);
      else
        usable.usable.push_back(u.suite);
    }
  } else {
    usable = usable_suites(release.release(), evaluated.ciphers, evaluated.security_level);
    listed = evaluated.ciphers;
    std::size_t n = 0;
    for (const cipher* s : listed) {
      const bool refused = n < usable.unusable.size() && usable.unusable[n].first == s;
      reasons.push_back(refused ? std::optional(usable.unusable[n++].second) : std::nullopt);
    }
  }
  std::vector<std::vector<std::string>> rows{{"#", "OpenSSL name", "IANA name", "ID", "Protocol",
                                              "Kx", "Au", "Enc", "Mac", "Bits", "Usable", "Rating",
                                              "Weaknesses"}};
  for (auto& cell : rows.front()) cell = c.bold(cell);
  std::array<std::size_t, 4> counts{};
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const cipher& s = *listed[i];
    const suite_rating r = rate(s);
    const auto why_not = reasons[i];
    if (!why_not) ++counts[static_cast<std::size_t>(r.level)];
    std::vector<std::string_view> why;
    for (const weakness w : r.reasons) why.push_back(weakness_name(w));
    rows.push_back({fmt::format("{}", i + 1), std::string(s.name),
                    s.stdname.empty() ? "-" : std::string(s.stdname), id_hex(s),
                    std::string(protocol_name(s)), std::string(kx_name(s)), std::string(au_name(s)),
                    enc_name(s), std::string(mac_name(s)), fmt::format("{}", s.strength_bits),
                    why_not ? c.dim(fmt::format("no: {}", reason_word(*why_not))) : "yes",
                    c.for_rating(r.level, rating_name(r.level)),
                    why.empty() ? "-" : fmt::format("{}", fmt::join(why, ", "))});
  }
  // Narrow terminals lose the IANA name first, then the algorithm columns, the ID, the
  // protocol and the bits; the weaknesses wrap, or go under their row.
  table_fit fit;
  fit.width = output_width();
  fit.drop_order = {2, 5, 6, 7, 8, 3, 4, 9};
  fit.wrap = 12;
  std::string out = format_table(
      rows,
      {true, false, false, false, false, false, false, false, false, true, false, false, false},
      fit);
  const std::size_t unusable = usable.unusable.size();
  if (usable.usable.empty()) {
    out += '\n';
    out += wrapped(
        fmt::format("Verdict: none (no connection can use any of the {} listed suites).", unusable),
        fit.width, 0);
    return out;
  }
  const rating v = verdict(usable.usable);
  out += '\n';
  out += wrapped(
      fmt::format(
          "Verdict: {} (the rating of the weakest suite a connection can use, which a peer may pick{}). {} recommended, {} secure, {} weak, {} insecure{} (rules: docs/ratings.md).",
          c.for_rating(v, rating_name(v)),
          unusable == 0 ? "" : fmt::format("; the {} no connection uses are not rated", unusable),
          counts[3], counts[2], counts[1], counts[0],
          unusable == 0 ? "" : fmt::format(", {} unusable", unusable)),
      fit.width, 0);
  return out;
}

}  // namespace

std::string render_text(const evaluator& release, std::string_view input, const evaluation& result,
                        const render_options& options) {
  const style& c = options.colours;
  const std::size_t width = output_width();
  std::string out;
  const std::string_view name = release.release().release();
  const std::string build = release.options() == build_options{}
                                ? std::string{}
                                : " (" + describe(release.options()) + ")";
  if (result.ok) {
    out += wrapped(
        fmt::format("OpenSSL {}{} accepts the string: {} cipher suites, in order of preference.",
                    name, build, result.ciphers.size()),
        width, 0);
    out += '\n';
    out += suites_table(release, result, options.resolved, c);
  } else {
    out +=
        wrapped(fmt::format("OpenSSL {}{} rejects the string: SSL_CTX_set_cipher_list returns 0.",
                            name, build),
                width, 0);
    if (result.failure == failure_reason::no_cipher_selected) {
      out +=
          result.ciphers.empty()
              ? "The context's cipher list is replaced by an empty list anyway.\n"
              : fmt::format(
                    "The context's list is replaced anyway: it keeps only the {} TLS 1.3 suites.\n",
                    result.ciphers.size());
    } else {
      out += "The context keeps the cipher list it had before the call.\n";
    }
    if (options.resolved != nullptr) {
      out += "What the context holds then, and what a connection can use of it:\n";
      out += suites_table(release, result, options.resolved, c);
    }
  }
  if (options.resolved != nullptr && options.configuration != nullptr) {
    out += '\n';
    out += render_configuration_text(*options.configuration, *options.resolved, c);
  }
  if (options.check != nullptr) {
    std::string line =
        fmt::format("Policy {} ({}): ", options.check->name, options.check->description);
    if (!result.ok) {
      line += "not checked, OpenSSL rejects the string.";
    } else if (const auto bad = violations(*options.check, result.ciphers); bad.empty()) {
      line += c.for_rating(rating::recommended, "every suite is allowed.");
    } else {
      line += fmt::format("{} of {} suites are not allowed: {}",
                          c.for_rating(rating::insecure, std::to_string(bad.size())),
                          result.ciphers.size(), suite_names(bad, bad.size()));
    }
    out += '\n';
    out += wrapped(line, width, 2);
  }
  // Appended piecewise: "\n" + std::string trips GCC 12's -Wrestrict false positive at -O2.
  if (options.trace) {
    out += '\n';
    out += render_trace(release, input, result, c);
  }
  for (const suite_history& h : result.histories) {
    out += '\n';
    out += render_why(release, input, result, h);
  }
  if (!result.diagnostics.empty()) out += '\n';
  out += render_findings(input, result.diagnostics, result.diagnostics_omitted, c);
  return out;
}

std::string render_findings(std::string_view input, const std::vector<diagnostic>& findings,
                            std::span<const omitted_findings> omitted, const style& c,
                            std::string_view source_name) {
  // The same finding again and again (20,000 redundant rules) is shown once, with a count and
  // where the others are; past a few different findings of one code, the rest of that code are
  // counted with where they start. Grouping is by hash, so output and time stay linear.
  constexpr std::size_t different_per_code = 5;
  struct group {
    std::size_t first;               // index into findings
    std::vector<std::size_t> again;  // offsets of the identical ones after it
  };
  struct code_tally {
    std::size_t groups = 0;
    std::size_t more = 0;  // findings not shown
    std::vector<std::size_t> more_at;
    std::size_t last_group = 0;  // the tally is printed after this group
  };
  std::vector<group> groups;
  std::unordered_map<std::string, std::size_t> by_text;
  std::unordered_map<diagnostic_code, code_tally> tallies;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const diagnostic& d = findings[i];
    std::string key =
        fmt::format("{}\x1f{}\x1f{}", static_cast<int>(d.code), d.message, d.suggestion);
    if (const auto it = by_text.find(key); it != by_text.end()) {
      groups[it->second].again.push_back(d.offset);
      continue;
    }
    code_tally& t = tallies[d.code];
    if (t.groups >= different_per_code) {
      ++t.more;
      if (t.more_at.size() < 3) t.more_at.push_back(d.offset);
      continue;
    }
    ++t.groups;
    t.last_group = groups.size();
    by_text.emplace(std::move(key), groups.size());
    groups.push_back({i, {}});
  }
  for (const omitted_findings& o : omitted) tallies[o.code].more += o.count;

  std::string out;
  const diagnostic_renderer renderer(input, source_name);
  std::optional<line_index> lines;
  auto where = [&](const std::vector<std::size_t>& offsets, std::size_t total) {
    if (!lines) lines.emplace(input);
    std::string text;
    for (std::size_t k = 0; k < offsets.size() && k < 3; ++k)
      text += (k == 0 ? "" : ", ") + to_string(lines->at(offsets[k]));
    if (total > std::min<std::size_t>(offsets.size(), 3))
      text += fmt::format(" and {} more", total - std::min<std::size_t>(offsets.size(), 3));
    return text;
  };
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const diagnostic& d = findings[groups[g].first];
    out += c.diagnostic(d, renderer);
    if (const auto& again = groups[g].again; !again.empty()) {
      out += fmt::format("  (the same {} {} more time{}: at {})\n", severity_name(d.severity),
                         again.size(), again.size() == 1 ? "" : "s", where(again, again.size()));
    }
    const code_tally& t = tallies[d.code];
    if (t.last_group == g && t.more != 0) {
      out += fmt::format("  (and {} more {} finding{} not shown{}{})\n", t.more, code_name(d.code),
                         t.more == 1 ? "" : "s", t.more_at.empty() ? "" : ", from ",
                         t.more_at.empty() ? "" : where(t.more_at, t.more));
    }
  }
  // Codes whose every finding the limits left out.
  for (const omitted_findings& o : omitted) {
    if (tallies[o.code].groups == 0)
      out += fmt::format("  ({} {} finding{} not shown)\n", o.count, code_name(o.code),
                         o.count == 1 ? "" : "s");
  }
  return out;
}

std::string render_list_diff_text(const list_diff& d, const style& c,
                                  std::span<const cipher* const> before,
                                  std::span<const cipher* const> after) {
  if (d.empty()) return "The lists are the same.\n";
  const std::size_t width = output_width();
  auto position = [](std::span<const cipher* const> list, const cipher* s) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), s) - list.begin()) + 1;
  };
  std::string out;
  if (!d.added.empty()) {
    out += wrapped(fmt::format("{} {}: {}", c.for_rating(rating::recommended, "added"),
                               d.added.size(), suite_names(d.added, d.added.size())),
                   width, 2);
  }
  if (!d.removed.empty()) {
    out += wrapped(fmt::format("{} {}: {}", c.for_rating(rating::insecure, "removed"),
                               d.removed.size(), suite_names(d.removed, d.removed.size())),
                   width, 2);
  }
  if (!d.moved.empty()) {
    std::vector<std::string> moves;
    for (const cipher* s : d.moved) {
      moves.push_back(
          fmt::format("{} (from {} to {})", s->name, position(before, s), position(after, s)));
    }
    out += wrapped(fmt::format("{} {}: {}", c.for_rating(rating::weak, "moved"), d.moved.size(),
                               fmt::join(moves, ", ")),
                   width, 2);
  }
  return out;
}

namespace {

// Counts of findings by code, e.g. "unknown-name x2, skipped-text".
std::string findings_summary(const evaluation& result) {
  std::vector<std::pair<std::string_view, std::size_t>> counts;
  auto count = [&](diagnostic_code c, std::size_t n) {
    const std::string_view code = code_name(c);
    const auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& p) { return p.first == code; });
    if (it == counts.end())
      counts.emplace_back(code, n);
    else
      it->second += n;
  };
  for (const diagnostic& d : result.diagnostics) count(d.code, 1);
  for (const omitted_findings& o : result.diagnostics_omitted) count(o.code, o.count);
  std::string out;
  for (const auto& [code, n] : counts) {
    if (!out.empty()) out += ", ";
    out += n == 1 ? std::string(code) : fmt::format("{} x{}", code, n);
  }
  return out.empty() ? "-" : out;
}

std::string names_of(const std::vector<const cipher*>& suites) {
  std::string out;
  for (const cipher* s : suites) {
    if (!out.empty()) out += ' ';
    out += s->name;
  }
  return out;
}

const std::vector<const cipher*>& accepted_list(const evaluation& e) {
  static const std::vector<const cipher*> none;
  return e.ok ? e.ciphers : none;
}

}  // namespace

std::string render_comparison_text(std::span<const release_evaluation> results) {
  std::string out;
  std::size_t accepted = 0;
  for (const release_evaluation& r : results) accepted += r.result.ok ? 1 : 0;
  out += fmt::format("{} of {} releases accept the string.\n\n", accepted, results.size());
  std::vector<std::vector<std::string>> rows{
      {"Release", "Result", "Suites", "Change from the row above", "Findings"}};
  std::vector<std::string> details;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const release_evaluation& r = results[i];
    std::string change = "-";
    if (i > 0) {
      const release_evaluation& prev = results[i - 1];
      const list_diff d = diff_lists(accepted_list(prev.result), accepted_list(r.result));
      if (d.empty()) {
        change = "same";
      } else {
        std::vector<std::string> parts;
        if (!d.added.empty()) parts.push_back(fmt::format("+{} added", d.added.size()));
        if (!d.removed.empty()) parts.push_back(fmt::format("-{} removed", d.removed.size()));
        if (!d.moved.empty()) parts.push_back(fmt::format("{} moved", d.moved.size()));
        change = fmt::format("{}", fmt::join(parts, ", "));
        std::string detail = fmt::format("{} -> {}:\n", prev.release.release().release(),
                                         r.release.release().release());
        const std::size_t width = output_width();
        if (!d.added.empty()) detail += wrapped("  added:   " + names_of(d.added), width, 11);
        if (!d.removed.empty()) detail += wrapped("  removed: " + names_of(d.removed), width, 11);
        if (!d.moved.empty()) detail += wrapped("  moved:   " + names_of(d.moved), width, 11);
        details.push_back(std::move(detail));
      }
    }
    std::string release = std::string(r.release.release().release());
    if (r.release.options() != build_options{})
      release += " (" + describe(r.release.options()) + ")";
    rows.push_back({release, r.result.ok ? "accepts" : "rejects",
                    r.result.ok ? fmt::format("{}", r.result.ciphers.size()) : "-", change,
                    findings_summary(r.result)});
  }
  table_fit fit;
  fit.width = output_width();
  fit.wrap = 4;
  out += format_table(rows, {false, false, true, false, false}, fit);
  for (const std::string& d : details) {
    out += '\n';
    out += d;
  }
  out += '\n';
  out += wrapped("Run with --openssl RELEASE to see one release's list and findings in full.",
                 output_width(), 0);
  return out;
}

std::string render_versions_text(const catalog* system) {
  std::vector<std::vector<std::string>> rows{
      {"Release", "Series", "Security level", "Build options", "Build"}};
  const catalog* latest = catalog::all().back();
  for (const catalog* c : catalog::all()) {
    std::string release(c->release());
    if (c == latest) release += " (latest)";
    if (c == system) {
      const system_lookup& sys = catalog::system();
      release += sys.found && !sys.found->exact
                     ? fmt::format(" (stands in for the system's {})", sys.found->release)
                     : std::string(" (system)");
    }
    rows.push_back(
        {release, std::string(c->series()),
         c->default_security_level() < 0 ? "-" : fmt::format("{}", c->default_security_level()),
         available_build_options(*c), std::string(c->build())});
  }
  table_fit fit;
  fit.width = output_width();
  fit.wrap = 4;
  std::string out = format_table(rows, {false, false, true, false, false}, fit);
  if (const system_lookup& sys = catalog::system(); !sys.found) {
    out += '\n';
    out += wrapped(fmt::format("The system's OpenSSL (--openssl system): {}.", sys.problem),
                   fit.width, 2);
  }
  return out;
}

}  // namespace cipherexplain::cli
