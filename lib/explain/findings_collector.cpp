#include "explain/findings_collector.hpp"

#include <cipherexplain/list_diff.hpp>
#include <cipherexplain/supported.hpp>

#include "catalog/algorithms.hpp"
#include "diagnostics/finding.hpp"
#include "syntax/syntax_messages.hpp"
#include "text/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cipherexplain::detail {
namespace {

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

// Edit distance with transpositions (optimal string alignment), ignoring case; gives up early
// beyond `limit` so that long garbage words cost little.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
          ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Whether `word` is something a release's cipher strings can name (usable or not).
bool names_something(const catalog& c, std::string_view word) {
  const bool ci = c.dialect().case_insensitive;
  auto same = [ci](std::string_view a, std::string_view b) { return same_name(a, b, ci); };
  for (const cipher& s : c.ciphers()) {
    if (!s.option.empty() || !s.valid ||
        (s.table != cipher_table::ssl3 && s.table != cipher_table::ssl2))
      continue;
    if (same(s.name, word) || (c.stdname_lookup() && !s.stdname.empty() && same(s.stdname, word)))
      return true;
  }
  for (const alias& a : c.aliases()) {
    if (a.option.empty() && same(a.name, word)) return true;
  }
  return false;
}

// "1.1.0l to 4.0.3" for a run of consecutive releases, else a list.
std::string releases_text(const std::vector<const catalog*>& releases) {
  const auto all = catalog::all();
  auto index = [&](const catalog* c) { return std::find(all.begin(), all.end(), c) - all.begin(); };
  const bool consecutive =
      releases.size() > 2 && index(releases.back()) - index(releases.front()) ==
                                 static_cast<std::ptrdiff_t>(releases.size()) - 1;
  if (consecutive)
    return fmt::format("{} to {}", releases.front()->release(), releases.back()->release());
  std::string out;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    if (i > 0) out += i + 1 == releases.size() ? " and " : ", ";
    out += releases[i]->release();
  }
  return out;
}

// "A, B, C and 4 more".
std::string suites_text(const std::vector<const cipher*>& suites, std::size_t shown = 3) {
  std::string out;
  for (std::size_t i = 0; i < suites.size() && i < shown; ++i) {
    if (i > 0) out += i + 1 == suites.size() ? " and " : ", ";
    out += suites[i]->name;
  }
  if (suites.size() > shown) out += fmt::format(" and {} more", suites.size() - shown);
  return out;
}

// "kRSA key exchange and aRSA authentication" for an alias's masks.
std::string describe_masks(const alias& a) {
  std::vector<std::string> parts;
  auto field_text = [](field f, std::uint32_t mask, std::string_view what) -> std::string {
    if (mask == 0) return {};
    const std::uint32_t known = all_bits(f);
    const bool complement = (mask & ~known) != 0;
    const std::uint32_t bits = complement ? known & ~mask : mask;
    std::vector<std::string_view> names;
    for (std::uint32_t b = 1; b != 0; b <<= 1) {
      if ((bits & b) != 0) names.push_back(bit_symbol(f, b));
    }
    const std::string list = fmt::format("{}", fmt::join(names, "|"));
    return complement ? fmt::format("{} other than {}", what, list)
                      : fmt::format("{} {}", what, list);
  };
  for (const std::string& p :
       {field_text(field::kx, a.kx, "key exchange"), field_text(field::au, a.au, "authentication"),
        field_text(field::enc, a.enc, "encryption"), field_text(field::mac, a.mac, "MAC")}) {
    if (!p.empty()) parts.push_back(p);
  }
  if (a.version != 0) parts.push_back("a minimum protocol version");
  if ((a.strength & strength::class_mask) != 0) parts.push_back("a strength class");
  if ((a.strength & strength::not_default) != 0) parts.push_back("not being in DEFAULT");
  return fmt::format("{}", fmt::join(parts, " and "));
}

// Whether a name has `word` as one of its '-'-separated parts (DSS in DH-DSS-AES128-SHA).
bool has_component(std::string_view name, std::string_view word) {
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dash = name.find('-', start);
    if (name.substr(start,
                    dash == std::string_view::npos ? std::string_view::npos : dash - start) == word)
      return true;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return false;
}

}  // namespace

findings_collector::findings_collector(const prepared_release& release, const tree& parsed,
                                       evaluation& out, bool trace)
    : release_(release), parsed_(parsed), out_(out), trace_(trace) {
  removed_by_.fill(-1);
  out_.outcomes.assign(parsed.rules().size(), rule_outcome::not_reached);
  for (const diagnostic& d : parsed.diagnostics()) {
    // Errors are reported where OpenSSL actually reaches them.
    if (d.severity != severity::error) note(d);
  }
  // "DEFAULTz": OpenSSL tests only the seven bytes, so z becomes a rule of its own.
  if (const auto prefix = parsed.default_prefix(); prefix && prefix->length == 7) {
    const std::string_view rest = parsed.source().substr(7, effective_end(parsed) - 7);
    const auto word_end = std::find_if(rest.begin(), rest.end(), [](char c) {
      return is_separator(c) || c == '!' || c == '+' || c == '-' || c == '@';
    });
    const std::string_view glued =
        rest.substr(0, static_cast<std::size_t>(word_end - rest.begin()));
    if (!glued.empty() && !parsed.rules().empty() && parsed.rules().front().text.offset == 7 &&
        parsed.rules().front().op == rule_op::add) {
      note(
          make_finding(diagnostic_code::default_glued, fmt::format(
               "OpenSSL reads only the first 7 bytes as DEFAULT and then '{}' as a rule of its own",
               glued),
           7, glued.size(), fmt::format("write 'DEFAULT:{}' if that is meant", glued)));
    }
  }
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
  note(make_finding(diagnostic_code::suiteb_prefix, fmt::format("'{}' makes OpenSSL ignore the whole string and use '{}'; the context "
                    "also stays in Suite B mode for cipher strings set on it later",
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

void findings_collector::skipped_rest(std::size_t rule_index, std::size_t word, std::string_view why) {
  const auto rules = parsed_.rules();
  const std::uint32_t segment = rules[rule_index].segment;
  const std::uint32_t from = parsed_.words(rules[rule_index])[word].end();
  std::uint32_t end = from;
  for (std::size_t i = rule_index; i < rules.size() && rules[i].segment == segment; ++i) {
    end = std::max({end, rules[i].text.end(), rules[i].tail.end()});
  }
  if (end > from) {
    note(make_finding(diagnostic_code::skipped_text, fmt::format("after {} OpenSSL skips everything up to the next separator", why), from,
          end - from));
  }
}

void findings_collector::unknown_name(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::unknown_name;
  add_step(rule_index, rule_outcome::unknown_name);
  const source_range where = parsed_.words(parsed_.rules()[rule_index])[word];
  const std::string_view text = parsed_.text(where);
  const catalog& here = release_.release();
  const std::string_view name = here.release();
  const bool ci = here.dialect().case_insensitive;

  // The whole token up to the next separator: before 3.2 "_" ends a word, so a TLS 1.3 or IANA
  // name arrives here as "TLS" followed by a stray rest.
  const std::string_view src = parsed_.source().substr(0, effective_end(parsed_));
  std::size_t token_end = where.offset;
  while (token_end < src.size() && !is_separator(src[token_end])) ++token_end;
  const std::string_view token = src.substr(where.offset, token_end - where.offset);

  const cipher* tls13 = nullptr;
  const cipher* iana = nullptr;
  for (const catalog* c : catalog::all()) {
    for (const cipher& s : c->ciphers()) {
      if (s.table == cipher_table::tls13 && (s.name == token || s.name == text)) tls13 = &s;
      if (s.table == cipher_table::ssl3 && !s.stdname.empty() && s.stdname == token &&
          iana == nullptr)
        iana = &s;
    }
  }

  if (same_name(text, "DEFAULT", ci)) {
    note(make_finding(diagnostic_code::default_not_first, "DEFAULT is special only at the very start of the string; here it is an unknown word and "
          "OpenSSL "
          "ignores the rule",
          where.offset, where.length, "start the string with DEFAULT instead"));
  } else if (tls13 != nullptr || token.starts_with("TLS13-")) {
    const std::string_view shown = tls13 != nullptr ? tls13->name : token;
    note(
        make_finding(diagnostic_code::tls13_name, fmt::format(
             "'{}' is {}: cipher strings never select or remove TLS 1.3 suites, so OpenSSL ignores "
             "the rule",
             shown, tls13 != nullptr ? "a TLS 1.3 suite" : "a pre-release name of a TLS 1.3 suite"),
         where.offset, std::max<std::size_t>(where.length, token.size()),
         "choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites, nginx "
         "'ssl_conf_command Ciphersuites')"));
  } else if (here.find_cipher(text) != nullptr || here.find_alias(text) != nullptr) {
    std::string why;
    if (const cipher* s = here.find_cipher(text)) {
      const unavailable_algorithms& legacy = here.legacy_provider();
      const unavailable_algorithms& off = release_.unavailable();
      const bool legacy_would_help =
          !release_.options().legacy_provider &&
          ((s->enc & off.enc & legacy.enc) != 0 || (s->mac & off.mac & legacy.mac) != 0);
      std::string needs;
      if (!release_.compiled(s->option)) needs = fmt::format("the build option {}", s->option);
      if (legacy_would_help)
        needs += needs.empty() ? "the legacy provider" : " and the legacy provider";
      why = s->table == cipher_table::scsv
                ? std::string("it is a signalling value, not a cipher suite")
            : needs.empty() ? std::string("this build cannot use that suite's algorithms")
                            : fmt::format("that suite needs {}", needs);
      why = fmt::format("'{}' is not available in OpenSSL {}: {}", text, name, why);
    } else {
      why =
          fmt::format("'{}' names only algorithms this build of OpenSSL {} cannot use", text, name);
    }
    note(make_finding(diagnostic_code::name_unavailable, fmt::format("{}; OpenSSL ignores the rule", why), where.offset, where.length));
  } else if (iana != nullptr && !here.stdname_lookup()) {
    const cipher* own = here.find_cipher(iana->id);
    note(make_finding(diagnostic_code::name_not_in_release, fmt::format("'{}' is an IANA name; OpenSSL {} reads only its own names here (IANA names "
                      "work from 3.2), so "
                      "it ignores the rule",
                      token, name),
          where.offset, token.size(),
          own != nullptr ? fmt::format("write '{}'", own->name)
                         : std::string("write the OpenSSL name")));
  } else {
    std::vector<const catalog*> elsewhere;
    for (const catalog* c : catalog::all()) {
      if (c != &here && names_something(*c, text)) elsewhere.push_back(c);
    }
    // A case slip ("high") is better answered with the right spelling than with 4.0, which
    // ignores case.
    const auto known = release_.known_words();
    const bool case_slip = std::any_of(known.begin(), known.end(),
                                       [&](std::string_view k) { return equal_ignoring_case(k, text); });
    if (!elsewhere.empty() && !case_slip) {
      note(make_finding(diagnostic_code::name_not_in_release, fmt::format("'{}' is not a name in OpenSSL {} (it is in {}); OpenSSL ignores the rule",
                        text, name, releases_text(elsewhere)),
            where.offset, where.length));
    } else {
      // The nearest names this release knows, for typos and case slips.
      std::vector<std::pair<std::size_t, std::string_view>> near;
      const std::size_t limit = text.size() < 5 ? 1 : 2;
      for (const std::string_view candidate : known) {
        const std::size_t d = edit_distance(text, candidate, limit);
        if (d <= limit) near.emplace_back(d, candidate);
      }
      std::stable_sort(near.begin(), near.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string suggestion;
      if (!near.empty()) {
        const bool case_only = equal_ignoring_case(near.front().second, text);
        std::vector<std::string> names;
        for (std::size_t i = 0; i < near.size() && i < 3 && near[i].first == near.front().first;
             ++i) {
          names.push_back(fmt::format("'{}'", near[i].second));
        }
        suggestion = fmt::format(
            "{}did you mean {}?",
            case_only
                ? fmt::format("names are case-sensitive in OpenSSL {} (4.0 ignores case): ", name)
                : "",
            fmt::join(names, " or "));
      }
      note(make_finding(diagnostic_code::unknown_name, fmt::format("unknown name '{}' in OpenSSL {}; OpenSSL ignores the rule", text, name),
            where.offset, where.length, std::move(suggestion)));
    }
  }
  skipped_rest(rule_index, word, "an unknown name");
}

void findings_collector::conflict(std::size_t rule_index, std::size_t word) {
  out_.outcomes[rule_index] = rule_outcome::conflict;
  add_step(rule_index, rule_outcome::conflict);
  const struct rule& r = parsed_.rules()[rule_index];
  note(make_finding(diagnostic_code::conflicting_names, fmt::format(
            "'{}' cannot match anything together with what precedes it in the '+' chain; OpenSSL "
            "ignores the rule",
            parsed_.text(parsed_.words(r)[word])),
        r.text.offset, r.text.length));
  skipped_rest(rule_index, word, "a dropped rule");
}

void findings_collector::command(std::size_t rule_index, const command_word& c, const list_state& before,
                                 const list_state& after) {
  const struct rule& r = parsed_.rules()[rule_index];
  const bool ok = c.kind == command_kind::strength || c.kind == command_kind::seclevel;
  out_.outcomes[rule_index] = ok ? rule_outcome::command_done : rule_outcome::command_failed;
  if (!ok) note(bad_command(parsed_, r, parsed_.dialect().seclevel_command));
  if (r.tail.length != 0) {
    note(make_finding(diagnostic_code::skipped_text, fmt::format("OpenSSL ignores '{}' after a command, up to the next separator",
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

void findings_collector::applied(std::size_t rule_index, const pattern& p, const cipher_set& matched,
                                 const list_state& before, const list_state& after) {
  out_.outcomes[rule_index] = rule_outcome::applied;
  current_ = after;
  const struct rule& r = parsed_.rules()[rule_index];
  const auto words = parsed_.words(r);
  const std::string_view text = parsed_.text(r.text);
  const auto order = release_.order();

  const cipher_set added_set = after.active_set - before.active_set;
  const cipher_set killed_set = before.alive - after.alive;
  const cipher_set removed_set = before.active_set - after.active_set - killed_set;
  const bool changed = !before.equivalent(after);

  if (!changed) {
    std::string why;
    if ((matched & before.alive).none()) {
      why = fmt::format("'{}' matches no suite this build can use",
                        text.substr(op_text(r.op).size()));
    } else {
      switch (r.op) {
        case rule_op::add:
          why = "every suite it matches is already in the list";
          break;
        case rule_op::remove:
          why = "none of the suites it matches is in the list";
          break;
        case rule_op::move_to_end:
          why = "the suites it matches are already at the end of the list, in that order";
          break;
        default:
          why = "nothing it matches is left";
          break;
      }
    }
    note(make_finding(diagnostic_code::no_effect, fmt::format("'{}' changes nothing: {}", text, why), r.text.offset, r.text.length));
  }

  if (r.op == rule_op::add && (p.version == version::sslv3 || p.version == version::tlsv1)) {
    asked_for_old_protocols_ = true;
  }

  // '-' can be undone by a later addition; remember who removed what.
  removed_set.for_each([&](unsigned c) { removed_by_[c] = static_cast<int>(rule_index); });
  killed_set.for_each([&](unsigned c) { removed_by_[c] = -1; });
  added_set.for_each([&](unsigned c) {
    if (removed_by_[c] >= 0)
      removals_undone_.push_back({static_cast<std::size_t>(removed_by_[c]), rule_index, c});
    removed_by_[c] = -1;
  });

  if (strength_rule_ && changed && (added_set.any() || r.op == rule_op::move_to_end)) {
    const struct rule& s = parsed_.rules()[*strength_rule_];
    note(
        make_finding(diagnostic_code::strength_undone, added_set.any()
             ? fmt::format("'{}' comes after @STRENGTH ({}): the {} suites it adds go to the end "
                           "in preference "
                           "order, not sorted by strength",
                           text, position(s.text.offset), added_set.count())
             : fmt::format("'{}' comes after @STRENGTH ({}) and moves suites out of strength order",
                           text, position(s.text.offset)),
         r.text.offset, r.text.length, "put @STRENGTH last"));
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
      note(make_finding(diagnostic_code::tls13_unaffected, fmt::format("'{}' does not touch TLS 1.3 suites: {} stay{} in the list", text,
                        suites_text(stay), stay.size() == 1 ? "s" : ""),
            r.text.offset, r.text.length,
            "choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites)"));
    }
  }

  if (!trace_) return;
  step s;
  s.rule_index = rule_index;
  s.text = r.text;
  // In OpenSSL's list order: removed ones at the head, then untouched, then active.
  auto in_list_order = [&](const list_state& st, const cipher_set& set) {
    std::vector<const cipher*> outv;
    st.for_each_removed([&](unsigned c) {
      if (set.test(c)) outv.push_back(order[c]);
    });
    (set & (st.alive - st.removed_set - st.active_set)).for_each([&](unsigned c) {
      outv.push_back(order[c]);
    });
    st.for_each_active([&](unsigned c) {
      if (set.test(c)) outv.push_back(order[c]);
    });
    return outv;
  };
  s.matched = in_list_order(before, matched & before.alive);
  s.added = in_list_order(after, added_set);
  s.removed = in_list_order(before, removed_set);
  s.killed = in_list_order(before, killed_set);
  s.list = active_list(after);
  s.moved = diff_lists(active_list(before), s.list).moved;
  out_.steps.push_back(std::move(s));
}

void findings_collector::finished(const list_state& final_state) {
  const auto order = release_.order();
  const std::string_view name = release_.release().release();

  // Removals a later rule undid, reported at the '-' rule, when those suites end up listed.
  for (std::size_t i = 0; i < removals_undone_.size();) {
    const std::size_t remove_rule = removals_undone_[i].remove_rule;
    const std::size_t add_rule = removals_undone_[i].add_rule;
    std::vector<const cipher*> back;
    for (; i < removals_undone_.size() && removals_undone_[i].remove_rule == remove_rule; ++i) {
      if (final_state.active_set.test(removals_undone_[i].suite))
        back.push_back(order[removals_undone_[i].suite]);
    }
    if (back.empty()) continue;
    const struct rule& r = parsed_.rules()[remove_rule];
    const struct rule& a = parsed_.rules()[add_rule];
    const std::string_view text = parsed_.text(r.text);
    note(make_finding(diagnostic_code::removal_undone, fmt::format(
              "'{}' only parks suites: '{}' ({}) adds them back, and {} end{} up in the list", text,
              parsed_.text(a.text), position(a.text.offset), suites_text(back),
              back.size() == 1 ? "s" : ""),
          r.text.offset, r.text.length,
          fmt::format("write '!{}' to remove them for good", text.substr(1))));
  }

  // Removals that leave suites whose names contain the alias: "-DSS" keeps DH-DSS suites.
  for (const narrow_check& n : narrow_checks_) {
    std::vector<const cipher*> left;
    for (const cipher* s : out_.ok ? out_.ciphers : std::vector<const cipher*>{}) {
      if (s->table != cipher_table::tls13 && has_component(s->name, n.named->name) &&
          !release_.matches(n.p, *s)) {
        left.push_back(s);
      }
    }
    if (left.empty()) continue;
    const struct rule& r = parsed_.rules()[n.rule_index];
    note(make_finding(diagnostic_code::narrow_alias, fmt::format("'{}' leaves {} with {} in {} name{}: '{}' means {}", parsed_.text(r.text),
                      suites_text(left), n.named->name, left.size() == 1 ? "its" : "their",
                      left.size() == 1 ? "" : "s", n.named->name, describe_masks(*n.named)),
          r.text.offset, r.text.length));
  }

  std::stable_sort(out_.diagnostics.begin(), out_.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.offset < b.offset; });

  // Findings about the whole string come last.
  if (out_.failure == failure_reason::no_cipher_selected) {
    const bool tls13 = release_.release().engine() == engine_family::openssl_1_1_1;
    note(make_finding(diagnostic_code::no_cipher_selected, fmt::format(
              "the string selects no TLS 1.2-or-older cipher suite, so OpenSSL {} rejects it{}",
              name, tls13 ? " (the context is left with only the TLS 1.3 suites)" : ""),
          0, parsed_.source().size()));
  }
  // Suites that are listed but that no connection will use at this security level.
  if (out_.ok) {
    if (const auto usable = supported(release_.release(), out_.ciphers, out_.security_level)) {
      for (unsigned r = 0; r <= static_cast<unsigned>(unusable_reason::srp_not_set_up); ++r) {
        const auto reason = static_cast<unusable_reason>(r);
        std::vector<const cipher*> group;
        for (const auto& [suite, why] : usable->unusable) {
          if (why == reason) group.push_back(suite);
        }
        if (group.empty()) continue;
        std::string fix;
        switch (reason) {
          case unusable_reason::anonymous:
            fix = "remove them with '!aNULL', or allow them with @SECLEVEL=0";
            break;
          case unusable_reason::md5_mac:
            fix = "remove them with '!MD5'";
            break;
          case unusable_reason::sha1_mac:
            fix = "remove them with '!SHA1', or use @SECLEVEL=3 or lower";
            break;
          case unusable_reason::rc4:
            fix = "remove them with '!RC4'";
            break;
          case unusable_reason::no_forward_secrecy:
            fix = "remove them with '!kRSA', or use @SECLEVEL=2 or lower";
            break;
          case unusable_reason::psk_not_set_up:
            fix = "remove them with '!PSK' unless the application sets a PSK callback";
            break;
          case unusable_reason::srp_not_set_up:
            fix = "remove them with '!SRP' unless the application sets up SRP";
            break;
          case unusable_reason::too_few_bits:
          case unusable_reason::protocol_range:
            fix = "remove them, or lower the level with @SECLEVEL=n if they are needed";
            break;
        }
        whole_string_.push_back(
            make_finding(diagnostic_code::unusable_suites, fmt::format("at security level {} no connection uses {} listed suite{} with {}: {}",
                         out_.security_level, group.size(), group.size() == 1 ? "" : "s",
                         reason_text(reason), suites_text(group)),
             0, parsed_.source().size(), std::move(fix)));
      }
    }
  }
  // Suites written for TLS 1.0/1.1 on a level that refuses those versions (3.1+: any level
  // from 1): reported when the string asks for them or holds nothing newer.
  if (out_.ok && release_.release().engine() != engine_family::openssl_1_0) {
    const auto range = supported(release_.release(), {}, out_.security_level);
    std::vector<const cipher*> old;
    std::size_t tls12_suites = 0;
    for (const cipher* s : out_.ciphers) {
      if (s->table == cipher_table::tls13) continue;
      ++tls12_suites;
      if (s->min_tls < version::tlsv1_2) old.push_back(s);
    }
    const bool only_old = !old.empty() && old.size() == tls12_suites;
    if (range && range->min_version > version::tlsv1 && !old.empty() &&
        (asked_for_old_protocols_ || only_old)) {
      const bool floor = release_.release().security_rules().tls12_floor_from_level_1;
      note(make_finding(diagnostic_code::old_protocols_refused, fmt::format("at security level {} OpenSSL {} refuses {}, so {} {} only used over newer "
                        "versions; "
                        "peers limited to the old ones cannot connect",
                        out_.security_level, name,
                        range->min_version == version::tlsv1_2 ? "TLS 1.0 and TLS 1.1" : "TLS 1.0",
                        suites_text(old), old.size() == 1 ? "is" : "are"),
            0, parsed_.source().size(),
            floor ? "add @SECLEVEL=0 if such peers must connect (3.1+ refuses TLS 1.0/1.1 from "
                    "level 1)"
                  : fmt::format("use @SECLEVEL={} or lower if such peers must connect",
                                out_.security_level >= 4 ? 3 : 2)));
    }
  }
  for (diagnostic& d : whole_string_) note(std::move(d));
}

}  // namespace cipherexplain::detail
