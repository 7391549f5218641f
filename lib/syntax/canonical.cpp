// SPDX-License-Identifier: Apache-2.0
// A tree written back as a plain cipher string with the same meaning (see syntax.hpp).

#include <cipherexplain/syntax.hpp>

#include "text/ascii.hpp"

#include <algorithm>

namespace cipherexplain {
namespace {

bool starts_with(std::string_view text, std::string_view prefix, bool ignore_case) {
  return detail::same_name(text.substr(0, prefix.size()), prefix, ignore_case);
}

// Appends the rule; returns true when it ends in a missing name directly followed by a
// separator, which releases before 1.1.1s and 3.0.7 step over (see below) before skipping to the
// next one.
bool append_rule(std::string& out, const tree& parsed, const rule& r) {
  const auto words = parsed.words(r);
  out += op_text(r.op);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += '+';
    out += parsed.text(words[i]);
  }
  if (words.back().length != 0) return false;
  // After a missing name, releases before 1.1.1s and 3.0.7 step over one byte and then skip to the
  // next separator, so that byte stays: the first byte of the tail (a stray byte is kept the same
  // way), or when there is no tail, the separator itself.
  if (r.tail.length != 0) {
    out += parsed.text(r.tail).substr(0, 1);
    return false;
  }
  const std::uint32_t next = words.back().offset;
  const std::size_t end = parsed.nul_offset().value_or(parsed.source().size());
  if (next >= end) return false;
  out += parsed.source()[next];
  return true;
}

}  // namespace

std::string canonical_text(const tree& parsed) {
  const dialect& d = parsed.dialect();
  if (parsed.suiteb() != suiteb_prefix::none)
    return std::string(parsed.text(parsed.suiteb_range()));

  std::string out;
  if (const auto prefix = parsed.default_prefix()) {
    out = parsed.text({prefix->offset, 7});
  }
  const auto rules = parsed.rules();
  std::string body;
  bool stepped_on_separator = false;
  std::uint32_t separator_at = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    // A segment that starts right after a separator a missing name stepped on is skipped by the
    // same releases, so it stays glued to that separator; other segments get a ':'.
    if (i > 0 && rules[i].segment != rules[i - 1].segment &&
        !(stepped_on_separator && rules[i].text.offset == separator_at + 1))
      body += ':';
    stepped_on_separator = append_rule(body, parsed, rules[i]);
    if (stepped_on_separator) separator_at = parsed.words(rules[i]).back().offset;
  }
  if (!out.empty()) {
    if (!body.empty()) out += ':';
  } else if (starts_with(body, "DEFAULT", d.case_insensitive) ||
             (d.suiteb_prefixes && starts_with(body, "SUITEB", d.case_insensitive))) {
    // Without a separator in front, a first rule spelt like a prefix would become one.
    out += ':';
  }
  out += body;
  return out;
}

}  // namespace cipherexplain
