#include "fuzz_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

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

}  // namespace cipherexplain::fuzzing
