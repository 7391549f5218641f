// Reads a parsed string the way ssl_cipher_process_rulestr() does and applies each rule to the
// list, recording what happened to every rule.

#include "messages.hpp"
#include "prepared_release.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace cipherexplain::detail {
namespace {

constexpr std::uint32_t no_segment = std::numeric_limits<std::uint32_t>::max();

// The end of a segment's text: the end of its last rule (with tail) that starts in it.
span segment_rest(const tree& parsed, std::size_t rule_index, std::uint32_t from) {
  const auto rules = parsed.rules();
  const std::uint32_t segment = rules[rule_index].segment;
  std::uint32_t end = from;
  for (std::size_t i = rule_index; i < rules.size() && rules[i].segment == segment; ++i) {
    end = std::max({end, rules[i].text.end(), rules[i].tail.end()});
  }
  return {from, end - from};
}

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

}  // namespace

std::string prepared_release::why_unknown(std::string_view word) const {
  const std::string_view name = release_.release();
  if (const cipher* s = release_.find_cipher(word)) {
    const unavailable_algorithms& legacy = release_.legacy_provider();
    const bool legacy_would_help =
        !options_.legacy_provider && ((s->enc & unavailable_.enc & legacy.enc) != 0 ||
                                      (s->mac & unavailable_.mac & legacy.mac) != 0);
    std::string reason;
    if (s->table == cipher_table::tls13) {
      reason = "it is a TLS 1.3 suite, which cipher strings never select";
    } else if (s->table == cipher_table::scsv) {
      reason = "it is a signalling value, not a cipher suite";
    } else {
      std::string needs;
      if (!compiled(s->option)) needs = fmt::format("the build option {}", s->option);
      if (legacy_would_help)
        needs += needs.empty() ? "the legacy provider" : " and the legacy provider";
      reason = needs.empty() ? "this build cannot use that suite's algorithms"
                             : fmt::format("that suite needs {}", needs);
    }
    return fmt::format("'{}' is not available in OpenSSL {}: {}", word, name, reason);
  }
  if (release_.find_alias(word) != nullptr) {
    return fmt::format("'{}' names only algorithms this build of OpenSSL {} cannot use", word,
                       name);
  }
  return fmt::format("unknown name '{}' in OpenSSL {}", word, name);
}

prepared_release::run_result prepared_release::run(const tree& parsed, list_state& state,
                                                   evaluation* report, int level) const {
  run_result result{false, level};
  const auto rules = parsed.rules();
  const std::size_t end = effective_end(parsed);
  std::uint32_t skip_segment = no_segment;
  std::uint32_t skip_also = no_segment;  // old releases step over a separator after an error
  auto note = [&](diagnostic d) {
    if (report != nullptr) report->diagnostics.push_back(std::move(d));
  };
  auto outcome = [&](std::size_t i, rule_outcome o) {
    if (report != nullptr) report->outcomes[i] = o;
  };

  for (std::size_t i = 0; i < rules.size(); ++i) {
    const rule& r = rules[i];
    if (r.segment == skip_segment || r.segment == skip_also) {
      outcome(i, rule_outcome::skipped);
      continue;
    }
    const auto words = parsed.words(r);

    // A missing name: 1.1.1s+/3.0.7+ stop at once; older releases note the failure, step over
    // the offending byte and skip to the next separator.
    auto missing_at = [&](std::size_t k) {
      result.failed = true;
      outcome(i, rule_outcome::missing_name);
      if (report != nullptr) note(missing_name(parsed, r, k));
      const std::uint32_t at = words[k].offset;
      if (release_.abort_on_missing_name() || at >= end) return true;
      skip_segment = r.segment;
      if (is_separator(parsed.source()[at])) skip_also = r.segment + 1;
      return false;
    };

    if (r.is_command()) {
      if (words[0].length == 0) {
        if (missing_at(0)) break;
        continue;
      }
      const command_word c =
          classify_command(parsed.text(words[0]), parsed.dialect().seclevel_command,
                           parsed.dialect().case_insensitive);
      if (c.kind == command_kind::strength) {
        state.strength_sort(strength_rank_.data(), n_ranks_);
        outcome(i, rule_outcome::command_done);
      } else if (c.kind == command_kind::seclevel) {
        result.security_level = c.level;
        outcome(i, rule_outcome::command_done);
      } else {
        result.failed = true;
        outcome(i, rule_outcome::command_failed);
        if (report != nullptr) note(bad_command(parsed, r, parsed.dialect().seclevel_command));
      }
      if (report != nullptr && r.tail.length != 0) {
        note({diagnostic_code::skipped_text, severity::note,
              fmt::format("OpenSSL ignores '{}' after a command, up to the next separator",
                          parsed.text(r.tail)),
              r.tail.offset, r.tail.length});
      }
      continue;
    }

    pattern p;
    const lookup_entry* single = nullptr;
    bool stop = false;
    bool dropped = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (words[k].length == 0) {
        stop = missing_at(k);
        dropped = true;
        break;
      }
      const std::string_view word = parsed.text(words[k]);
      const lookup_entry* e = find(word);
      if (e == nullptr) {
        outcome(i, rule_outcome::unknown_name);
        skip_segment = r.segment;
        dropped = true;
        if (report != nullptr) {
          const std::string why = why_unknown(word);
          note({diagnostic_code::unknown_name, severity::warning,
                fmt::format("{}; OpenSSL ignores the rule", why), words[k].offset,
                words[k].length});
          const span rest = segment_rest(parsed, i, words[k].end());
          if (rest.length != 0) {
            note({diagnostic_code::skipped_text, severity::note,
                  "after an unknown name OpenSSL skips everything up to the next separator",
                  rest.offset, rest.length});
          }
        }
        break;
      }
      if (k == 0) {
        p = e->alone;
        single = e;
      } else {
        single = nullptr;
        if (!merge(p, e->alone)) {
          outcome(i, rule_outcome::conflict);
          skip_segment = r.segment;
          dropped = true;
          if (report != nullptr) {
            note({diagnostic_code::conflicting_names, severity::warning,
                  fmt::format("'{}' cannot match anything together with what precedes it in the "
                              "'+' chain; OpenSSL ignores the rule",
                              word),
                  r.text.offset, r.text.length});
            const span rest = segment_rest(parsed, i, words[k].end());
            if (rest.length != 0) {
              note({diagnostic_code::skipped_text, severity::note,
                    "after a dropped rule OpenSSL skips everything up to the next separator",
                    rest.offset, rest.length});
            }
          }
          break;
        }
      }
    }
    if (stop) break;
    if (dropped) continue;

    const cipher_set m = single != nullptr ? single->matches : match(p);
    switch (r.op) {
      case rule_op::add:
        state.add(m);
        break;
      case rule_op::remove:
        state.remove(m);
        break;
      case rule_op::move_to_end:
        state.move_to_end(m);
        break;
      case rule_op::kill:
        state.kill(m);
        break;
      case rule_op::command:
        break;
    }
    outcome(i, rule_outcome::applied);
  }
  return result;
}

void prepared_release::evaluate(const tree& parsed, evaluation& out) const {
  out.ok = false;
  out.failure = failure_reason::none;
  out.ciphers.clear();
  out.diagnostics.clear();
  out.outcomes.assign(parsed.rules().size(), rule_outcome::not_reached);
  for (const diagnostic& d : parsed.diagnostics()) {
    // Errors are re-derived below where OpenSSL actually reaches them.
    if (d.severity != severity::error || d.code == diagnostic_code::input_too_long) {
      out.diagnostics.push_back(d);
    }
  }
  if (!parsed.diagnostics().empty() &&
      parsed.diagnostics().front().code == diagnostic_code::input_too_long) {
    out.failure = failure_reason::syntax;
    out.security_level = security_level_;
    return;
  }

  list_state state;
  run_result result;
  if (parsed.suiteb() != suiteb_prefix::none) {
    const span s = parsed.suiteb_span();
    const tree& replacement = suiteb_strings_[static_cast<std::size_t>(parsed.suiteb())];
    out.diagnostics.push_back(
        {diagnostic_code::suiteb_prefix, severity::note,
         fmt::format("'{}' makes OpenSSL ignore the whole string and use '{}'", parsed.text(s),
                     replacement.source()),
         s.offset, static_cast<std::uint32_t>(parsed.source().size()) - s.offset});
    state = initial_;
    result = run(replacement, state, nullptr, security_level_);
  } else {
    state = parsed.default_prefix() ? after_default_ : initial_;
    result = run(parsed, state, &out, security_level_);
  }
  out.security_level = result.security_level;
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.offset < b.offset; });
  // After the per-rule findings: the verdict on the string as a whole.
  finish(state, result.failed, parsed.source(), out);
}

void prepared_release::finish(list_state& state, bool failed, std::string_view input,
                              evaluation& out) const {
  const bool tls13 = release_.engine() == engine_family::openssl_1_1_1;
  if (failed) {
    // The call fails before touching the context: it keeps the list it had (DEFAULT).
    out.failure = failure_reason::syntax;
    if (tls13) out.ciphers.assign(tls13_.begin(), tls13_.end());
    for (std::uint16_t i = 0; i < after_default_.n_active; ++i) {
      out.ciphers.push_back(order_[after_default_.active[i]]);
    }
    return;
  }
  if (tls13) out.ciphers.assign(tls13_.begin(), tls13_.end());
  if (state.n_active == 0) {
    // The context's list is replaced anyway: TLS 1.3 suites only (1.1.1+) or nothing.
    out.failure = failure_reason::no_cipher_selected;
    out.diagnostics.push_back(
        {diagnostic_code::no_cipher_selected, severity::error,
         fmt::format(
             "the string selects no TLS 1.2-or-older cipher suite, so OpenSSL {} rejects it{}",
             release_.release(),
             tls13 ? " (the context is left with only the TLS 1.3 suites)" : ""),
         0, input.size()});
    return;
  }
  for (std::uint16_t i = 0; i < state.n_active; ++i) out.ciphers.push_back(order_[state.active[i]]);
  out.ok = true;
}

}  // namespace cipherexplain::detail
