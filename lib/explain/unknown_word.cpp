// SPDX-License-Identifier: Apache-2.0
#include "explain/unknown_word.hpp"

#include "diagnostics/finding.hpp"
#include "explain/pasted_text.hpp"
#include "explain/wording.hpp"
#include "syntax/syntax_messages.hpp"
#include "text/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string>

namespace cipherexplain::detail {
namespace {

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }

// Why this release knows the word but cannot use it.
std::string unavailable_reason(const prepared_release& release, std::string_view text) {
  const catalog& here = release.release();
  const cipher* s = here.find_cipher(text);
  if (s == nullptr) {
    return fmt::format("'{}' names only algorithms this build of OpenSSL {} cannot use", text,
                       here.release());
  }
  const unavailable_algorithms& legacy = here.legacy_provider();
  const unavailable_algorithms& off = release.unavailable();
  const bool legacy_would_help =
      !release.options().legacy_provider &&
      ((s->enc & off.enc & legacy.enc) != 0 || (s->mac & off.mac & legacy.mac) != 0);
  std::string needs;
  if (!release.compiled(s->option)) needs = fmt::format("the build option {}", s->option);
  if (legacy_would_help)
    needs += needs.empty() ? "the legacy provider" : " and the legacy provider";
  const std::string why =
      s->table == cipher_table::scsv ? std::string("it is a signalling value, not a cipher suite")
      : needs.empty()                ? std::string("this build cannot use that suite's algorithms")
                                     : fmt::format("that suite needs {}", needs);
  return fmt::format("'{}' is not available in OpenSSL {}: {}", text, here.release(), why);
}

// "did you mean 'HIGH'?", with a word on case when only case differs; empty when nothing is
// near.
std::string suggestion_for(const name_suggestions& names, std::string_view text,
                           std::string_view release) {
  const auto near = names.nearest(text, 3);
  if (near.empty()) return {};
  std::vector<std::string> quoted;
  quoted.reserve(near.size());
  for (const std::string_view n : near) quoted.push_back(fmt::format("'{}'", n));
  const bool case_only = equal_ignoring_case(near.front(), text);
  return fmt::format(
      "{}did you mean {}?",
      case_only
          ? fmt::format("names are case-sensitive in OpenSSL {} (4.0 ignores case): ", release)
          : "",
      fmt::join(quoted, " or "));
}

}  // namespace

diagnostic unknown_word_finding(const prepared_release& release,
                                const lazy_name_suggestions& suggestions, const tree& parsed,
                                const rule& r, source_range where, bool skips_nothing, bool suggest,
                                const std::function<bool(diagnostic_code)>& wanted) {
  // A finding whose code has no room left is only counted: its words are not worth making.
  auto counted = [&](diagnostic_code code, std::size_t length) {
    return make_finding(code, {}, where.offset, length);
  };
  // A removal of one word excludes nothing when the word names nothing here.
  const bool exclusion =
      (r.op == rule_op::kill || r.op == rule_op::remove) && r.word_count == 1 && skips_nothing;
  auto harmless = [&](const auto& why) {
    if (!wanted(diagnostic_code::harmless_exclusion))
      return make_finding(diagnostic_code::harmless_exclusion, {}, r.text.offset, r.text.length);
    return make_finding(
        diagnostic_code::harmless_exclusion,
        fmt::format(
            "'{}' excludes {}; OpenSSL ignores the rule, which is harmless: the string means the same",
            parsed.text(r.text), why()),
        r.text.offset, r.text.length);
  };
  const std::string_view text = parsed.text(where);
  const catalog& here = release.release();
  const std::string_view name = here.release();

  // The whole token up to the next separator: before 3.2 "_" ends a word, so a TLS 1.3 or IANA
  // name arrives here as "TLS" followed by a stray rest.
  const std::string_view src = parsed.source().substr(0, effective_end(parsed));
  std::size_t token_end = where.offset;
  while (token_end < src.size() && !is_separator(src[token_end])) ++token_end;
  const std::string_view token = src.substr(where.offset, token_end - where.offset);

  const release_name_index& everywhere = release_name_index::instance();
  auto tls13 = everywhere.tls13_suite(token);
  if (!tls13) tls13 = everywhere.tls13_suite(text);

  if (same_name(text, "DEFAULT", here.dialect().case_insensitive)) {
    if (!wanted(diagnostic_code::default_not_first))
      return counted(diagnostic_code::default_not_first, where.length);
    return make_finding(
        diagnostic_code::default_not_first,
        "DEFAULT is special only at the very start of the string; here it is an unknown word and OpenSSL ignores the rule",
        where.offset, where.length, "start the string with DEFAULT instead");
  }
  if (equal_ignoring_case(text, "TLSv1.3")) {
    if (!wanted(diagnostic_code::tls13_name))
      return counted(diagnostic_code::tls13_name, where.length);
    return make_finding(
        diagnostic_code::tls13_name,
        fmt::format(
            "'{}' is not a name in cipher strings, which never select or remove TLS 1.3 suites, so OpenSSL ignores the rule",
            text),
        where.offset, where.length,
        "choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites, nginx 'ssl_conf_command Ciphersuites'), and the protocol range with SSL_CTX_set_min/max_proto_version()");
  }
  if (tls13 || token.starts_with("TLS13-")) {
    if (!wanted(diagnostic_code::tls13_name))
      return counted(diagnostic_code::tls13_name,
                     std::max<std::size_t>(where.length, token.size()));
    return make_finding(
        diagnostic_code::tls13_name,
        fmt::format(
            "'{}' is {}: cipher strings never select or remove TLS 1.3 suites, so OpenSSL ignores the rule",
            tls13 ? *tls13 : token,
            tls13 ? "a TLS 1.3 suite" : "a pre-release name of a TLS 1.3 suite"),
        where.offset, std::max<std::size_t>(where.length, token.size()),
        "choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites, nginx 'ssl_conf_command Ciphersuites')");
  }
  const bool known_here = here.find_cipher(text) != nullptr || here.find_alias(text) != nullptr;
  if (exclusion && known_here) {
    return harmless(
        [&] { return fmt::format("what this build of OpenSSL {} cannot use anyway", name); });
  }
  if (known_here) {
    if (!wanted(diagnostic_code::name_unavailable))
      return counted(diagnostic_code::name_unavailable, where.length);
    return make_finding(
        diagnostic_code::name_unavailable,
        fmt::format("{}; OpenSSL ignores the rule", unavailable_reason(release, text)),
        where.offset, where.length);
  }
  if (const auto iana = everywhere.iana_suite(token); iana && !here.stdname_lookup()) {
    if (!wanted(diagnostic_code::name_not_in_release))
      return counted(diagnostic_code::name_not_in_release, token.size());
    const cipher* own = here.find_cipher(*iana);
    return make_finding(
        diagnostic_code::name_not_in_release,
        fmt::format(
            "'{}' is an IANA name; OpenSSL {} reads only its own names here (IANA names work from 3.2), so it ignores the rule",
            token, name),
        where.offset, token.size(),
        own != nullptr ? fmt::format("write '{}'", own->name)
                       : std::string("write the OpenSSL name"));
  }
  std::vector<std::string_view> elsewhere = everywhere.releases_naming(text);
  std::erase(elsewhere, name);
  // A case slip ("high") is better answered with the right spelling than with 4.0, which
  // ignores case.
  const name_suggestions& names = suggestions.get();
  if (exclusion && !elsewhere.empty() && !names.knows_ignoring_case(text)) {
    return harmless([&] {
      return fmt::format("a name OpenSSL {} does not have (it is in {})", name,
                         releases_text(elsewhere));
    });
  }
  if (!elsewhere.empty() && !names.knows_ignoring_case(text)) {
    if (!wanted(diagnostic_code::name_not_in_release))
      return counted(diagnostic_code::name_not_in_release, where.length);
    return make_finding(
        diagnostic_code::name_not_in_release,
        fmt::format("'{}' is not a name in OpenSSL {} (it is in {}); OpenSSL ignores the rule",
                    text, name, releases_text(elsewhere)),
        where.offset, where.length);
  }
  if (!wanted(diagnostic_code::unknown_name))
    return counted(diagnostic_code::unknown_name, where.length);
  // A directive's name pasted in front of its value is the likeliest explanation at the start.
  std::optional<std::string> pasted = pasted_directive_hint(src, token);
  return make_finding(
      diagnostic_code::unknown_name,
      fmt::format("unknown name '{}' in OpenSSL {}; OpenSSL ignores the rule", text, name),
      where.offset, where.length,
      pasted    ? std::move(*pasted)
      : suggest ? suggestion_for(names, text, name)
                : std::string{});
}

}  // namespace cipherexplain::detail
