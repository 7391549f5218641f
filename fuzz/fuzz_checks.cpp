// SPDX-License-Identifier: Apache-2.0
#include "fuzz_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace cipherexplain::fuzzing {

std::string quoted_input(std::string_view input) {
  std::string out = "\"";
  for (const char c : input.substr(0, 600)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  out += input.size() > 600 ? fmt::format("\"... ({} bytes)", input.size()) : "\"";
  return out;
}

void fail(std::string_view what, std::string_view input) {
  std::fprintf(stderr, "\n== cipherexplain fuzz check failed\ninput: %s\n%.*s\n",
               quoted_input(input).c_str(), static_cast<int>(what.size()), what.data());
  std::abort();
}

std::span<const evaluator> release_evaluators() {
  static const std::vector<evaluator> all = [] {
    std::vector<evaluator> out;
    for (const catalog* c : catalog::all()) out.emplace_back(*c);
    return out;
  }();
  return all;
}

std::span<const configuration_resolver> release_resolvers() {
  static const std::vector<configuration_resolver> all = [] {
    std::vector<configuration_resolver> out;
    for (const evaluator& e : release_evaluators()) out.emplace_back(e);
    return out;
  }();
  return all;
}

std::span<const dialect> release_dialects() {
  static const std::vector<dialect> all = [] {
    std::vector<dialect> out;
    for (const catalog* c : catalog::all()) {
      if (std::find(out.begin(), out.end(), c->dialect()) == out.end()) out.push_back(c->dialect());
    }
    return out;
  }();
  return all;
}

std::vector<std::string> names(std::span<const cipher* const> suites) {
  std::vector<std::string> out;
  out.reserve(suites.size());
  for (const cipher* c : suites) out.emplace_back(c->name);
  return out;
}

namespace {

bool is_name_byte(char c, const dialect& d) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || (c == '=' && d.equals_in_names) || (c == '_' && d.underscore_in_names);
}

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

}  // namespace

std::string tree_problem(const tree& parsed) {
  const std::string_view source = parsed.source();
  const dialect& d = parsed.dialect();
  if (source.size() > max_input_length) {
    return parsed.rules().empty() && !parsed.ok() ? "" : "an over-long input produced rules";
  }
  const std::size_t end = parsed.nul_offset().value_or(source.size());
  if (parsed.nul_offset() && source[end] != '\0') return "nul_offset does not point at a NUL";
  if (source.substr(0, end).find('\0') != std::string_view::npos) return "a NUL before nul_offset";

  // Every byte before the NUL belongs to exactly one part.
  std::vector<unsigned char> owners(end, 0);
  std::string problem;
  auto claim = [&](source_range s, std::string_view part) {
    if (!problem.empty()) return;
    if (s.end() > end || s.end() < s.offset) {
      problem =
          fmt::format("{} [{}, {}) outside the input of {} bytes", part, s.offset, s.end(), end);
      return;
    }
    for (std::uint32_t i = s.offset; i < s.end(); ++i) {
      if (owners[i]++ != 0) {
        problem = fmt::format("byte {} claimed twice (second by a {})", i, part);
        return;
      }
    }
  };
  if (parsed.suiteb() != suiteb_prefix::none) {
    const source_range s = parsed.suiteb_range();
    if (s.offset != 0) return "SUITEB prefix not at the start";
    if (!parsed.rules().empty() || !parsed.separators().empty())
      return "rules read after a SUITEB prefix";
    claim({0, static_cast<std::uint32_t>(end)}, "SUITEB prefix and the text it replaces");
  }
  if (const auto p = parsed.default_prefix()) {
    if (p->offset != 0 || p->length < 7 || p->length > 8) return "DEFAULT prefix misplaced";
    claim(*p, "DEFAULT prefix");
  }
  for (const source_range& s : parsed.separators()) {
    claim(s, "separator");
    if (problem.empty() && (s.length != 1 || !is_separator(source[s.offset])))
      problem = fmt::format("separator at {} is not a separator byte", s.offset);
  }
  std::uint32_t previous_end = 0;
  std::uint32_t previous_segment = 0;
  for (const rule& r : parsed.rules()) {
    if (!problem.empty()) break;
    if (r.text.offset < previous_end) return "rules out of order";
    if (r.segment < previous_segment) return "segments out of order";
    // Rules of one segment follow each other with nothing between them; a new segment starts
    // after a separator.
    const bool same_segment = &r != &parsed.rules().front() && r.segment == previous_segment;
    if (same_segment && r.text.offset != previous_end)
      return fmt::format("the rule at {} is not adjacent to the one before in its segment",
                         r.text.offset);
    if (!same_segment && &r != &parsed.rules().front() && r.text.offset == previous_end)
      return fmt::format("the rule at {} starts a segment without a separator", r.text.offset);
    if (r.word_count == 0) return "a rule without words";
    if (r.first_word + r.word_count > parsed.words().size()) return "a rule's words out of range";
    if (r.tail.length != 0 && r.tail.offset != r.text.end())
      return fmt::format("the tail of the rule at {} does not follow its text", r.text.offset);
    claim(r.text, "rule");
    claim(r.tail, "tail");
    previous_end = std::max(r.text.end(), r.tail.end());
    previous_segment = r.segment;
    const std::string_view op = op_text(r.op);
    if (source.substr(r.text.offset, op.size()) != op)
      return fmt::format("the rule at {} does not start with its operator", r.text.offset);
    for (const source_range& w : parsed.words(r)) {
      if (w.offset < r.text.offset || w.end() > r.text.end())
        return fmt::format("a word of the rule at {} lies outside it", r.text.offset);
      for (const char c : parsed.text(w)) {
        if (!is_name_byte(c, d))
          return fmt::format("the word at {} holds a byte that is no name byte", w.offset);
      }
    }
  }
  if (!problem.empty()) return problem;
  for (std::size_t i = 0; i < end; ++i) {
    if (owners[i] == 0) return fmt::format("byte {} belongs to no part of the tree", i);
  }

  bool has_error = false;
  for (const diagnostic& x : parsed.diagnostics()) {
    has_error = has_error || x.severity == severity::error;
    if (x.offset + x.length > source.size()) return "a diagnostic outside the input";
    if (x.message.empty()) return "a diagnostic without a message";
  }
  if (has_error == parsed.ok()) return "ok() disagrees with the diagnostics";

  // Linear memory: the largest tree per input byte is a rule, a word, a separator and one
  // diagnostic for every two bytes (e.g. "!:!:!:..."), with vector growth doubling it.
  const std::size_t limit = 4096 + 512 * source.size();
  if (parsed.memory_bytes() > limit)
    return fmt::format("the tree takes {} bytes for {} input bytes", parsed.memory_bytes(),
                       source.size());
  return {};
}

std::string tree_difference(const tree& a, const tree& b) {
  if (a.suiteb() != b.suiteb()) return "SUITEB prefixes differ";
  if (a.default_prefix().has_value() != b.default_prefix().has_value())
    return "one has a DEFAULT prefix, the other not";
  if (a.rules().size() != b.rules().size())
    return fmt::format("{} rules against {}", a.rules().size(), b.rules().size());
  if (a.ok() != b.ok()) return "one parses with errors, the other not";
  for (std::size_t i = 0; i < a.rules().size(); ++i) {
    const rule& x = a.rules()[i];
    const rule& y = b.rules()[i];
    const auto where = [&] {
      return fmt::format("rule {} ('{}' / '{}')", i, a.text(x.text), b.text(y.text));
    };
    if (x.op != y.op) return where() + ": operators differ";
    if (x.word_count != y.word_count) return where() + ": word counts differ";
    for (std::size_t k = 0; k < x.word_count; ++k) {
      if (a.text(a.words(x)[k]) != b.text(b.words(y)[k])) return where() + ": words differ";
    }
    if (i > 0 && (x.segment == a.rules()[i - 1].segment) != (y.segment == b.rules()[i - 1].segment))
      return where() + ": segment grouping differs";
    if (a.words(x).back().length == 0 && a.text(x.tail).substr(0, 1) != b.text(y.tail).substr(0, 1))
      return where() + ": the bytes after a missing name differ";
  }
  return {};
}

std::string result_difference(const evaluation& a, const evaluation& b) {
  if (a.ok == b.ok && a.failure == b.failure && a.ciphers == b.ciphers &&
      a.security_level == b.security_level)
    return {};
  return fmt::format("ok {} / {}, failure {} / {}, security level {} / {}\n  {}\n  {}", a.ok, b.ok,
                     static_cast<int>(a.failure), static_cast<int>(b.failure), a.security_level,
                     b.security_level, fmt::join(names(a.ciphers), ":"),
                     fmt::join(names(b.ciphers), ":"));
}

namespace {

constexpr bool c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// The statuses of elements whose suite the setter put in its list.
bool in_set(element_status s) {
  return s == element_status::added || s == element_status::added_again ||
         s == element_status::not_tls13 || s == element_status::not_available;
}

}  // namespace

std::string ciphersuites_problem(const catalog& release, std::string_view text,
                                 const ciphersuites_result& r, std::size_t max_elements) {
  const ciphersuites_setter rules = release.ciphersuites_setter();
  if (r.ok != (r.failure == ciphersuites_failure::none)) return "ok disagrees with the failure";
  if (rules == ciphersuites_setter::none) {
    if (r.ok || r.failure != ciphersuites_failure::no_tls13 || !r.elements.empty() ||
        !r.listed.empty() || r.elements_omitted != 0)
      return "a release without TLS 1.3 read the string";
    return {};
  }
  if (r.failure == ciphersuites_failure::no_tls13) return "no-tls13 on a release with TLS 1.3";
  const std::size_t nul = text.find('\0');
  if (r.nul_at != (nul == std::string_view::npos ? std::nullopt : std::optional(nul)))
    return "nul_at is not where the first NUL is";
  const std::string_view readable = text.substr(0, nul);
  if (r.elements.size() > max_elements)
    return fmt::format("{} elements recorded, at most {} asked for", r.elements.size(),
                       max_elements);
  if (r.elements_omitted != 0 && r.elements.size() != max_elements)
    return "elements omitted before max_elements were recorded";
  const std::size_t total = r.elements.size() + r.elements_omitted;
  const std::size_t expected =
      readable.empty()
          ? 0
          : 1 + static_cast<std::size_t>(std::count(readable.begin(), readable.end(), ':'));
  if (total != expected) return fmt::format("{} elements for a string of {}", total, expected);

  std::size_t previous_end = 0;
  bool rejected = false;         // 1.1.1: an element failed the call, the rest is not read
  std::set<const cipher*> seen;  // the suites the setter has put in its list
  for (std::size_t i = 0; i < r.elements.size(); ++i) {
    const ciphersuite_element& e = r.elements[i];
    const auto where = [&] { return fmt::format("element {} at {}", i, e.text.offset); };
    if (e.text.offset < previous_end || e.text.end() > readable.size() ||
        e.text.end() < e.text.offset)
      return where() + " is out of order or outside the text";
    const std::string_view gap = readable.substr(previous_end, e.text.offset - previous_end);
    const auto colons = std::count(gap.begin(), gap.end(), ':');
    if (colons != (i == 0 ? 0 : 1) ||
        !std::all_of(gap.begin(), gap.end(), [](char c) { return c == ':' || c_space(c); }))
      return where() + ": what lies before it is not white space and one ':'";
    const std::string_view word = readable.substr(e.text.offset, e.text.length);
    if (word.find(':') != std::string_view::npos) return where() + " holds a ':'";
    if (!word.empty() && (c_space(word.front()) || c_space(word.back())))
      return where() + " is not trimmed";
    previous_end = e.text.end();

    const bool named = in_set(e.status) || e.status == element_status::skipped_duplicate;
    if (named != (e.suite != nullptr)) return where() + ": its status and its suite disagree";
    if (named) {
      const bool matches = rules == ciphersuites_setter::tls13_only
                               ? same_ignoring_case(e.suite->stdname, word)
                               : e.suite->stdname == word;
      if (!matches) return where() + fmt::format(" is taken for {}", e.suite->stdname);
      if (rules == ciphersuites_setter::tls13_only && e.suite->table != cipher_table::tls13)
        return where() + ": 4.0+ took a suite that is not TLS 1.3";
      if ((e.status == element_status::added || e.status == element_status::added_again) &&
          e.suite->table != cipher_table::tls13)
        return where() + ": a suite that is not TLS 1.3 counted as added";
      if (e.status == element_status::not_tls13 && e.suite->table == cipher_table::tls13)
        return where() + ": a TLS 1.3 suite counted as not TLS 1.3";
      const bool before = seen.count(e.suite) != 0;
      if (in_set(e.status)) seen.insert(e.suite);
      if ((e.status == element_status::added_again ||
           e.status == element_status::skipped_duplicate) != before &&
          e.status != element_status::not_tls13 && e.status != element_status::not_available)
        return where() + ": named again or not, against its status";
      if (e.status == element_status::skipped_duplicate && rules != ciphersuites_setter::tls13_only)
        return where() + ": a duplicate skipped before 4.0";
    }
    switch (e.status) {
      case element_status::empty:
        if (!word.empty()) return where() + " is empty but has text";
        break;
      case element_status::too_long:
        if (word.size() < 80) return where() + " is too long at fewer than 80 bytes";
        break;
      case element_status::unknown:
        if (word.empty() || word.size() >= 80) return where() + ": unknown is not the status";
        break;
      default:
        break;
    }
    if (rejected != (e.status == element_status::not_read))
      return where() + ": not_read where the call had not failed, or read after it had";
    if (rules == ciphersuites_setter::strict &&
        (e.status == element_status::empty || e.status == element_status::unknown ||
         e.status == element_status::too_long))
      rejected = true;
  }
  if (r.elements_omitted == 0 &&
      !std::all_of(readable.begin() + static_cast<std::ptrdiff_t>(previous_end), readable.end(),
                   [](char c) { return c_space(c); }))
    return "text after the last element";

  if (r.ok) {
    if (r.elements_omitted == 0) {
      std::vector<const cipher*> named;
      for (const ciphersuite_element& e : r.elements) {
        if (in_set(e.status) && e.status != element_status::not_available) named.push_back(e.suite);
      }
      if (named != r.listed) return "the listed suites are not those the string names";
      if (rules == ciphersuites_setter::strict && rejected) return "ok after a rejected element";
      if (rules != ciphersuites_setter::strict && !readable.empty() &&
          std::none_of(r.elements.begin(), r.elements.end(),
                       [](const ciphersuite_element& e) { return in_set(e.status); }))
        return "ok though no element names a suite";
    }
    for (const cipher* s : r.listed) {
      if (rules == ciphersuites_setter::tls13_only && s->table != cipher_table::tls13)
        return fmt::format("4.0+ listed {}, which is not TLS 1.3", s->name);
    }
  } else {
    if (r.elements_omitted == 0 && rules == ciphersuites_setter::strict && !rejected)
      return "1.1.1 failed without a rejected element";
    if (r.elements_omitted == 0 && rules != ciphersuites_setter::strict &&
        std::any_of(r.elements.begin(), r.elements.end(),
                    [](const ciphersuite_element& e) { return in_set(e.status); }))
      return "failed though an element names a suite";
    // A failed call leaves the default TLS 1.3 suites (those the build can use).
    const auto defaults = release.tls13_default();
    std::size_t k = 0;
    for (const cipher* s : r.listed) {
      while (k < defaults.size() && defaults[k] != s) ++k;
      if (k == defaults.size()) return "after a failure, the listed suites are not the defaults";
      ++k;
    }
  }
  return {};
}

std::string ciphersuites_difference(const ciphersuites_result& a, const ciphersuites_result& b) {
  if (a.ok == b.ok && a.failure == b.failure && a.listed == b.listed && a.nul_at == b.nul_at &&
      a.elements.size() + a.elements_omitted == b.elements.size() + b.elements_omitted)
    return {};
  return fmt::format("ok {} / {}, failure {} / {}, {} / {} elements\n  {}\n  {}", a.ok, b.ok,
                     ciphersuites_failure_name(a.failure), ciphersuites_failure_name(b.failure),
                     a.elements.size() + a.elements_omitted, b.elements.size() + b.elements_omitted,
                     fmt::join(names(a.listed), ":"), fmt::join(names(b.listed), ":"));
}

std::string configuration_difference(const configuration_result& a, const configuration_result& b) {
  if (const std::string d = result_difference(a.cipher_list, b.cipher_list); !d.empty())
    return "the cipher string: " + d;
  if (a.ciphersuites.has_value() != b.ciphersuites.has_value())
    return "one set the ciphersuites, the other not";
  if (a.ciphersuites) {
    if (const std::string d = ciphersuites_difference(*a.ciphersuites, *b.ciphersuites); !d.empty())
      return "the ciphersuites: " + d;
  }
  if (a.cipher_list_set != b.cipher_list_set || a.list_ok != b.list_ok || a.min_ok != b.min_ok ||
      a.max_ok != b.max_ok)
    return fmt::format("setter returns differ: list {}/{} min {}/{} max {}/{}", a.list_ok,
                       b.list_ok, a.min_ok, b.min_ok, a.max_ok, b.max_ok);
  if (a.security_level != b.security_level || a.min_protocol != b.min_protocol ||
      a.max_protocol != b.max_protocol)
    return "security level or protocol bounds differ";
  if (a.protocols.lowest != b.protocols.lowest || a.protocols.highest != b.protocols.highest ||
      a.protocols.problem != b.protocols.problem)
    return "protocol windows differ";
  if (a.ciphers != b.ciphers || a.head != b.head)
    return fmt::format("lists differ:\n  {}\n  {}", fmt::join(names(a.ciphers), ":"),
                       fmt::join(names(b.ciphers), ":"));
  if (a.suites.size() != b.suites.size()) return "not as many suite verdicts";
  for (std::size_t i = 0; i < a.suites.size(); ++i) {
    if (a.suites[i].suite != b.suites[i].suite || a.suites[i].unusable != b.suites[i].unusable)
      return fmt::format("the verdicts on {} differ", a.suites[i].suite->name);
  }
  if (a.supported != b.supported) return "the supported lists differ";
  return {};
}

bool about_ciphersuites(const diagnostic& finding) {
  return finding.code == diagnostic_code::ciphersuites_skipped ||
         finding.code == diagnostic_code::ciphersuites_rejected ||
         finding.code == diagnostic_code::tls12_in_ciphersuites ||
         finding.code == diagnostic_code::duplicate_ciphersuite;
}

std::string configuration_problem(const catalog& release, const tls_configuration& config,
                                  const configuration_result& r) {
  if (r.suites.size() != r.ciphers.size()) return "not one verdict per listed suite";
  for (std::size_t i = 0; i < r.suites.size(); ++i) {
    if (r.suites[i].suite != r.ciphers[i]) return "the verdicts are not in list order";
  }
  if (config.ciphersuites.has_value() != r.ciphersuites.has_value())
    return "ciphersuites resolved when not set, or not when set";
  if (r.ciphersuites) {
    const std::vector<const cipher*>& listed = r.ciphersuites->listed;
    if (r.head != listed.size() || !std::equal(listed.begin(), listed.end(), r.ciphers.begin()))
      return "the list does not start with the ciphersuites' suites";
  }
  if (r.head > r.ciphers.size()) return "head beyond the list";
  std::vector<const cipher*> usable;
  for (const suite_use& u : r.suites) {
    if (!u.unusable) usable.push_back(u.suite);
  }
  if (release.engine() == engine_family::openssl_1_0) {
    if (r.supported) return "1.0.x has no SSL_get1_supported_ciphers, yet a supported list";
  } else if (usable.empty() != !r.supported || (r.supported && *r.supported != usable)) {
    return "the supported list is not the usable suites";
  }
  if (!r.protocols.usable() && !usable.empty()) return "usable suites without a usable protocol";
  for (const diagnostic& d : r.diagnostics) {
    if (d.message.empty()) return "a configuration finding without a message";
    if (about_ciphersuites(d) &&
        (!config.ciphersuites || d.offset + d.length > config.ciphersuites->size()))
      return "a ciphersuites finding outside the ciphersuites string";
  }
  return {};
}

}  // namespace cipherexplain::fuzzing
