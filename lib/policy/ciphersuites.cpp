// SPDX-License-Identifier: Apache-2.0
// SSL_CTX_set_ciphersuites() restated: CONF_parse_list() splitting on ':' with white space
// trimmed, each release's element callback (ciphersuite_cb in ssl/ssl_ciph.c) and name lookup
// (ssl/s3_lib.c), and update_cipher_list(), which leaves out suites the build cannot use.

#include <cipherexplain/ciphersuites.hpp>

#include "policy/ciphersuite_names.hpp"

#include <algorithm>

namespace cipherexplain {

std::string_view element_status_name(element_status status) noexcept {
  switch (status) {
    case element_status::added:
      return "added";
    case element_status::added_again:
      return "added-again";
    case element_status::not_tls13:
      return "not-tls13";
    case element_status::not_available:
      return "not-available";
    case element_status::skipped_duplicate:
      return "skipped-duplicate";
    case element_status::empty:
      return "empty";
    case element_status::unknown:
      return "unknown";
    case element_status::too_long:
      return "too-long";
    case element_status::not_read:
      return "not-read";
  }
  return "";
}

std::string_view ciphersuites_failure_name(ciphersuites_failure f) noexcept {
  switch (f) {
    case ciphersuites_failure::none:
      return "none";
    case ciphersuites_failure::no_tls13:
      return "no-tls13";
    case ciphersuites_failure::rejected_element:
      return "rejected-element";
    case ciphersuites_failure::nothing_recognised:
      return "nothing-recognised";
  }
  return "";
}

namespace {

// isspace() in the "C" locale, which OpenSSL's CONF_parse_list uses.
constexpr bool c_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// ciphersuite_cb copies an element into char name[80]: 80 bytes or more never match.
constexpr std::size_t longest_name = 79;

template <typename Lookup>
void set_with(ciphersuites_result& out, const catalog& release, std::string_view text,
              const Lookup& names, std::size_t max_elements);

}  // namespace

ciphersuites_result set_ciphersuites(const catalog& release, std::string_view text,
                                     const build_options& options, std::size_t max_elements) {
  ciphersuites_result out;
  set_ciphersuites_into(out, release, text, options, max_elements);
  return out;
}

void set_ciphersuites_into(ciphersuites_result& out, const catalog& release, std::string_view text,
                           const build_options& options, std::size_t max_elements) {
  set_with(out, release, text, detail::direct_suite_lookup(release, options), max_elements);
}

namespace detail {

void set_ciphersuites_into(ciphersuites_result& out, const catalog& release, std::string_view text,
                           const ciphersuite_names& names, std::size_t max_elements) {
  set_with(out, release, text, names, max_elements);
}

}  // namespace detail

namespace {

template <typename Lookup>
void set_with(ciphersuites_result& out, const catalog& release, std::string_view text,
              const Lookup& names, std::size_t max_elements) {
  out.ok = false;
  out.failure = ciphersuites_failure::none;
  out.listed.clear();
  out.elements.clear();
  out.elements_omitted = 0;
  out.nul_at.reset();
  const ciphersuites_setter rules = release.ciphersuites_setter();
  if (rules == ciphersuites_setter::none) {
    out.failure = ciphersuites_failure::no_tls13;
    return;
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    out.nul_at = nul;
    text = text.substr(0, nul);
  }
  const auto usable = [&](const cipher* s) { return names.usable(*s); };
  // The context's new tls13_ciphersuites stack, built in `listed` and then left with what the
  // build can use.
  std::vector<const cipher*>& set = out.listed;
  const auto record = [&](std::size_t from, std::size_t length, element_status status,
                          const cipher* suite) {
    if (out.elements.size() < max_elements) {
      out.elements.push_back(
          {{static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(length)}, status, suite});
    } else {
      ++out.elements_omitted;
    }
  };

  bool failed = false;
  // "We explicitly allow an empty list": an empty string is no element at all.
  std::size_t start = 0;
  while (!text.empty()) {
    while (start < text.size() && c_space(text[start])) ++start;
    const std::size_t colon = text.find(':', start);
    std::size_t length = 0;
    if (colon != start && start != text.size()) {
      std::size_t end = (colon == std::string_view::npos ? text.size() : colon) - 1;
      while (c_space(text[end])) --end;
      length = end - start + 1;
    }
    if (failed) {
      record(start, length, element_status::not_read, nullptr);
    } else {
      element_status status = element_status::unknown;
      const cipher* suite = nullptr;
      if (length == 0) {
        status = element_status::empty;
      } else if (length > longest_name) {
        status = element_status::too_long;
      } else if ((suite = names.find(text.substr(start, length))) != nullptr) {
        const bool again = std::find(set.begin(), set.end(), suite) != set.end();
        if (again && rules == ciphersuites_setter::tls13_only) {
          status = element_status::skipped_duplicate;
        } else {
          set.push_back(suite);
          status = !usable(suite)                        ? element_status::not_available
                   : suite->table != cipher_table::tls13 ? element_status::not_tls13
                   : again                               ? element_status::added_again
                                                         : element_status::added;
        }
      }
      if (suite == nullptr && rules == ciphersuites_setter::strict) failed = true;
      record(start, length, status, suite);
    }
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (failed) {
    out.failure = ciphersuites_failure::rejected_element;
  } else if (!text.empty() && set.empty() && rules != ciphersuites_setter::strict) {
    out.failure = ciphersuites_failure::nothing_recognised;
  }
  out.ok = out.failure == ciphersuites_failure::none;
  if (!out.ok) {
    out.listed.clear();
    for (const cipher* s : release.tls13_default()) {
      if (usable(s)) out.listed.push_back(s);
    }
    return;
  }
  std::erase_if(out.listed, [&](const cipher* s) { return !usable(s); });
}

}  // namespace

}  // namespace cipherexplain
