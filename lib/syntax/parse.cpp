// SPDX-License-Identifier: Apache-2.0
// Builds the tree from the grammar's actions and adds the diagnostics that hold whatever the
// words mean.

#include <cipherexplain/syntax.hpp>

#include "diagnostics/finding.hpp"
#include "syntax/grammar.hpp"
#include "syntax/syntax_messages.hpp"
#include "text/heap_bytes.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <utility>

namespace cipherexplain {

std::string_view op_text(rule_op op) noexcept {
  switch (op) {
    case rule_op::add:
      return "";
    case rule_op::remove:
      return "-";
    case rule_op::move_to_end:
      return "+";
    case rule_op::kill:
      return "!";
    case rule_op::command:
      return "@";
  }
  return "";
}

using detail::heap_bytes;
using detail::make_finding;

std::size_t tree::memory_bytes() const noexcept {
  std::size_t bytes = sizeof(tree) + heap_bytes(source_) + rules_.capacity() * sizeof(rule) +
                      words_.capacity() * sizeof(source_range) +
                      separators_.capacity() * sizeof(source_range) +
                      diagnostics_.capacity() * sizeof(diagnostic);
  for (const diagnostic& d : diagnostics_)
    bytes += heap_bytes(d.message) + heap_bytes(d.suggestion);
  return bytes;
}

bool tree::ok() const noexcept {
  for (const diagnostic& d : diagnostics_) {
    if (d.severity == severity::error) return false;
  }
  return true;
}

// Collects rules while the grammar runs; the grammar never backtracks over an action that
// has fired, so appending is safe. A rule's inner actions note its parts, and the rule's own
// action, which fires last, appends it and starts the next. Every element is written field by
// field into its place in the vector: building one in memory and copying it in (what
// push_back of a temporary does when not inlined) stalls on store forwarding, and that was a
// third of the time of a parse.
class tree_builder {
 public:
  explicit tree_builder(tree& out, const char* base) : out_(out), base_(base) {}

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }

  void set_op(rule_op op, const char* at) {
    op_ = op;
    text_end_ = offset(at) + 1;
  }
  void add_word(std::uint32_t at, std::uint32_t length) {
    source_range& w = out_.words_.emplace_back();
    w.offset = at;
    w.length = length;
    text_end_ = at + length;
  }
  void set_tail(source_range s) { tail_ = s; }
  // Every rule has an operator or a word (perhaps a zero-width missing one), so text_end_ is
  // set; no separator lies inside a rule, so segment_ is the one it started in.
  void end_rule(const char* begin) {
    const std::uint32_t start = offset(begin);
    const auto n_words = static_cast<std::uint32_t>(out_.words_.size());
    rule& r = out_.rules_.emplace_back();
    r.op = op_;
    r.segment = segment_;
    r.text.offset = start;
    r.text.length = text_end_ - start;
    r.first_word = first_word_;
    r.word_count = n_words - first_word_;
    r.tail = tail_;
    op_ = rule_op::add;
    tail_ = {};
    first_word_ = n_words;
  }
  void add_separator(std::uint32_t at) {
    source_range& s = out_.separators_.emplace_back();
    s.offset = at;
    s.length = 1;
    ++segment_;
  }
  void set_default_prefix(source_range s) {
    out_.default_prefix_ = s;
    ++segment_;
  }
  void set_suiteb(suiteb_prefix which, source_range s) {
    out_.suiteb_ = which;
    out_.suiteb_range_ = s;
  }

 private:
  tree& out_;
  const char* base_;
  rule_op op_ = rule_op::add;
  source_range tail_;
  std::uint32_t first_word_ = 0;
  std::uint32_t text_end_ = 0;
  std::uint32_t segment_ = 0;
};

namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

template <typename Input>
source_range range_of(const Input& in, const tree_builder& b) {
  return {b.offset(in.begin()), static_cast<std::uint32_t>(in.size())};
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <class D>
struct action<g::rule<D>> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.end_rule(in.begin());
  }
};

template <>
struct action<g::name_op> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    const char c = *in.begin();
    b.set_op(c == '-'   ? rule_op::remove
             : c == '+' ? rule_op::move_to_end
                        : rule_op::kill,
             in.begin());
  }
};
template <>
struct action<g::op_command> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.set_op(rule_op::command, in.begin());
  }
};

template <class D>
struct action<g::word<D>> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.add_word(b.offset(in.begin()), static_cast<std::uint32_t>(in.size()));
  }
};
template <>
struct action<g::missing_name> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.add_word(b.offset(in.begin()), 0);
  }
};
template <>
struct action<g::tail> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    if (in.size() != 0) b.set_tail(range_of(in, b));
  }
};
// A stray rule's junk is its tail: OpenSSL fails at its first byte and never reads the rest.
template <class D>
struct action<g::stray<D>> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.set_tail(range_of(in, b));
  }
};
template <>
struct action<g::separator> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.add_separator(b.offset(in.begin()));
  }
};
template <class D>
struct action<g::default_prefix<D>> {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.set_default_prefix(range_of(in, b));
  }
};

template <suiteb_prefix Which>
struct suiteb_action {
  template <typename Input>
  static void apply(const Input& in, tree_builder& b) {
    b.set_suiteb(Which, range_of(in, b));
  }
};
template <class D>
struct action<g::suiteb_128_only<D>> : suiteb_action<suiteb_prefix::b128_only> {};
template <class D>
struct action<g::suiteb_128_c2<D>> : suiteb_action<suiteb_prefix::b128_c2> {};
template <class D>
struct action<g::suiteb_128<D>> : suiteb_action<suiteb_prefix::b128> {};
template <class D>
struct action<g::suiteb_192<D>> : suiteb_action<suiteb_prefix::b192> {};

using run_fn = void (*)(std::string_view, tree_builder&);

// Flattened: PEGTL's nested match functions otherwise pass the input position through memory
// from call to call, and inlining them all halved the time of a parse.
template <unsigned Flags>
[[gnu::flatten]] void run_grammar(std::string_view text, tree_builder& b) {
  using traits =
      g::dialect_traits<(Flags & 1u) != 0, (Flags & 2u) != 0, (Flags & 4u) != 0, (Flags & 8u) != 0>;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(),
                                                     "input");
  // Cannot fail: every byte matches some rule (see grammar.hpp).
  pegtl::parse<g::cipher_string<traits>, action>(in, b);
}

template <std::size_t... I>
constexpr std::array<run_fn, sizeof...(I)> make_table(std::index_sequence<I...>) {
  return {&run_grammar<static_cast<unsigned>(I)>...};
}
constexpr auto grammar_table = make_table(std::make_index_sequence<16>{});

unsigned flags_of(const dialect& d) {
  return (d.equals_in_names ? 1u : 0u) | (d.underscore_in_names ? 2u : 0u) |
         (d.case_insensitive ? 4u : 0u) | (d.suiteb_prefixes ? 8u : 0u);
}

// The first rule of each segment is always reached (an earlier error would already have failed
// the string), so a missing name or bad command there fails the string whatever words mean.
void add_certain_errors(const tree& parsed, std::vector<diagnostic>& out) {
  bool first_in_segment = true;
  std::uint32_t segment = 0;
  for (const rule& r : parsed.rules()) {
    first_in_segment = first_in_segment || r.segment != segment;
    segment = r.segment;
    if (!first_in_segment) continue;
    first_in_segment = false;
    const auto words = parsed.words(r);
    if (words.front().length == 0) {
      out.push_back(detail::missing_name(parsed, r, 0));
    } else if (r.is_command()) {
      const auto c =
          detail::classify_command(parsed.text(words.front()), parsed.dialect().seclevel_command,
                                   parsed.dialect().case_insensitive);
      if (c.kind == detail::command_kind::unknown || c.kind == detail::command_kind::bad_seclevel) {
        out.push_back(detail::bad_command(parsed, r, parsed.dialect().seclevel_command));
      }
    }
  }
}

}  // namespace

void parse_into(tree& out, std::string_view input, const dialect& rules) {
  out.source_.clear();
  out.dialect_ = rules;
  out.rules_.clear();
  out.words_.clear();
  out.separators_.clear();
  out.diagnostics_.clear();
  out.default_prefix_.reset();
  out.nul_offset_.reset();
  out.suiteb_ = suiteb_prefix::none;
  out.suiteb_range_ = {};

  if (input.size() > max_input_length) {
    out.diagnostics_.push_back(make_finding(
        diagnostic_code::input_too_long,
        fmt::format("input of {} bytes is longer than the {} bytes this parser accepts",
                    input.size(), max_input_length),
        0, 0));
    return;
  }
  out.source_.assign(input.data(), input.size());
  std::string_view visible(out.source_);
  if (const void* nul = std::memchr(visible.data(), '\0', visible.size())) {
    const auto at = static_cast<std::uint32_t>(static_cast<const char*>(nul) - visible.data());
    out.nul_offset_ = at;
    out.diagnostics_.push_back(
        make_finding(diagnostic_code::text_after_nul,
                     "OpenSSL reads the string only up to this NUL byte; the rest is ignored", at,
                     static_cast<std::uint32_t>(visible.size() - at)));
    visible = visible.substr(0, at);
  }
  tree_builder builder(out, out.source_.data());
  grammar_table[flags_of(rules)](visible, builder);
  add_certain_errors(out, out.diagnostics_);
  std::stable_sort(out.diagnostics_.begin(), out.diagnostics_.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.offset < b.offset; });
}

tree parse(std::string_view input, const dialect& rules) {
  tree out;
  parse_into(out, input, rules);
  return out;
}

}  // namespace cipherexplain
