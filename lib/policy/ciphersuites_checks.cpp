// SPDX-License-Identifier: Apache-2.0
// Findings about the elements of a ciphersuites string: what each skipped or rejected one was
// probably meant to be, and the TLS 1.2 names and duplicates the setter lets through.

#include <cipherexplain/configuration.hpp>

#include "diagnostics/finding.hpp"
#include "policy/configuration_checks.hpp"
#include "text/ascii.hpp"
#include "text/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace cipherexplain::detail {
namespace {

// The release that first has a TLS 1.3 suite of this name, if another one does.
const catalog* release_with_tls13_name(std::string_view name) {
  for (const catalog* c : catalog::all()) {
    for (const cipher& s : c->ciphers()) {
      if (s.table == cipher_table::tls13 && s.stdname == name) return c;
    }
  }
  return nullptr;
}

// Why an element names nothing, and what was meant, when that can be told.
std::pair<std::string, std::string> explain_unknown(const catalog& release, std::string_view word) {
  const std::string shown = printable_text(word);
  if (word.find_first_of(",; \t") != std::string_view::npos) {
    std::string fixed;
    bool gap = false;
    for (const char c : word) {
      const bool sep = c == ',' || c == ';' || c == ' ' || c == '\t';
      if (sep) {
        gap = true;
        continue;
      }
      if (gap && !fixed.empty()) fixed += ':';
      gap = false;
      fixed += c;
    }
    return {fmt::format("'{}' is one element: only ':' separates TLS 1.3 suites", shown), fixed};
  }
  for (const cipher& s : release.ciphers()) {
    if (s.table == cipher_table::tls13 && !s.stdname.empty() &&
        equal_ignoring_case(s.stdname, word)) {
      return {fmt::format("'{}' differs from '{}' in case, and OpenSSL {} matches names exactly "
                          "(4.0 ignores case)",
                          shown, s.stdname, release.release()),
              std::string(s.stdname)};
    }
  }
  if (const cipher* s = release.find_cipher(word);
      s != nullptr && s->table != cipher_table::tls13) {
    if (s->name == word) {
      return {fmt::format("'{}' is the OpenSSL name of a TLS 1.2 suite: TLS 1.2 suites belong in "
                          "the cipher string",
                          shown),
              ""};
    }
    return {fmt::format("'{}' is a TLS 1.2 suite, which OpenSSL {} does not take here: name it in "
                        "the cipher string (as {})",
                        shown, release.release(), s->name),
            ""};
  }
  if (!word.empty() &&
      (word.front() == '!' || word.front() == '-' || word.front() == '+' || word.front() == '@' ||
       release.find_alias(word) != nullptr || word == "DEFAULT" || word == "COMPLEMENTOFDEFAULT")) {
    return {fmt::format("'{}' is cipher-string syntax, which means nothing in the TLS 1.3 "
                        "ciphersuites: they take suite names only",
                        shown),
            ""};
  }
  if (const catalog* other = release_with_tls13_name(word)) {
    return {fmt::format("OpenSSL {} has no TLS 1.3 suite '{}' (OpenSSL {} has)", release.release(),
                        shown, other->release()),
            ""};
  }
  return {fmt::format("no TLS 1.3 suite is named '{}' in OpenSSL {}", shown, release.release()),
          ""};
}

}  // namespace

void check_ciphersuites(const catalog& release, std::string_view text,
                        const ciphersuites_result& set, std::vector<diagnostic>& out) {
  const bool strict = release.ciphersuites_setter() == ciphersuites_setter::strict;
  for (const ciphersuite_element& e : set.elements) {
    const std::string_view word = text.substr(e.text.offset, e.text.length);
    switch (e.status) {
      case element_status::added:
      case element_status::not_read:
        break;
      case element_status::added_again:
      case element_status::skipped_duplicate:
        out.push_back(make_finding(
            diagnostic_code::duplicate_ciphersuite,
            fmt::format("{} is named again{}", e.suite->stdname,
                        e.status == element_status::added_again
                            ? ": OpenSSL " + std::string(release.release()) + " lists it twice"
                            : ": OpenSSL " + std::string(release.release()) + " skips it"),
            e.text.offset, e.text.length));
        break;
      case element_status::not_tls13:
        out.push_back(make_finding(
            diagnostic_code::tls12_in_ciphersuites,
            fmt::format("{} ({}) is not a TLS 1.3 suite: OpenSSL {} puts it at the head of the "
                        "whole list, ahead of the cipher string's order",
                        e.suite->stdname, e.suite->name, release.release()),
            e.text.offset, e.text.length));
        break;
      case element_status::not_available:
        out.push_back(make_finding(
            diagnostic_code::ciphersuites_skipped,
            fmt::format("{} is not available in this build of OpenSSL {}: it is not listed",
                        e.suite->stdname, release.release()),
            e.text.offset, e.text.length));
        break;
      case element_status::empty:
        if (strict) {
          out.push_back(make_finding(diagnostic_code::ciphersuites_rejected,
                                     fmt::format("an empty element (a leading, trailing or "
                                                 "doubled ':') makes OpenSSL {} reject the whole "
                                                 "setting",
                                                 release.release()),
                                     e.text.offset, 0));
        }
        break;
      case element_status::too_long:
      case element_status::unknown: {
        auto [message, fix] =
            e.status == element_status::too_long
                ? std::pair<std::string, std::string>{"an element of 80 bytes or more is never "
                                                      "looked up",
                                                      ""}
                : explain_unknown(release, word);
        const diagnostic_code code =
            strict ? diagnostic_code::ciphersuites_rejected : diagnostic_code::ciphersuites_skipped;
        message += strict ? fmt::format("; OpenSSL {} rejects the whole setting", release.release())
                          : "; skipped";
        out.push_back(
            make_finding(code, std::move(message), e.text.offset, e.text.length, std::move(fix)));
        break;
      }
    }
  }
  if (set.failure == ciphersuites_failure::nothing_recognised) {
    out.push_back(make_finding(diagnostic_code::ciphersuites_rejected,
                               fmt::format("no element names a TLS 1.3 suite, so OpenSSL {} "
                                           "rejects the setting and keeps its default suites",
                                           release.release()),
                               0, text.size()));
  }
}

}  // namespace cipherexplain::detail
