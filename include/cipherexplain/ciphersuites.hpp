// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// What SSL_CTX_set_ciphersuites() does with a string on one release: which elements name a
/// suite, which it skips or fails on, and the TLS 1.3 suites a context is left with.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/source_text.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// What the setter did with one ':'-separated element.
enum class element_status : std::uint8_t {
  added,              ///< a TLS 1.3 suite, put in the list
  added_again,        ///< named before and listed again (before 4.0: a duplicate entry)
  not_tls13,          ///< a TLS 1.2 suite or SCSV by IANA name: put at the head of the whole list
                      ///< (1.1.1-3.6), ahead of everything the cipher string orders
  not_available,      ///< a suite this build cannot use (its algorithms are missing): not listed
  skipped_duplicate,  ///< 4.0+: named before, skipped
  empty,              ///< nothing between two ':' (or at an end); 1.1.1 fails on it
  unknown,            ///< no suite of that name; 1.1.1 fails on it, 3.0+ skip it
  too_long,           ///< 80 bytes or more: never looked up; 1.1.1 fails on it
  not_read,           ///< after the element that made 1.1.1 fail
};

/// "added", "added-again", "not-tls13", "not-available", "skipped-duplicate", "empty",
/// "unknown", "too-long", "not-read".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view element_status_name(
    element_status status) noexcept;

struct CIPHEREXPLAIN_API ciphersuite_element {
  source_range text;  ///< the element, white space around it trimmed
  element_status status = element_status::unknown;
  const cipher* suite = nullptr;  ///< for added, added_again, not_tls13, not_available
};

/// Why SSL_CTX_set_ciphersuites() returned 0.
enum class ciphersuites_failure : std::uint8_t {
  none,
  no_tls13,            ///< the release has no TLS 1.3 (before 1.1.1): no such call
  rejected_element,    ///< 1.1.1: an element is empty, too long or unknown
  nothing_recognised,  ///< 3.0+: no element names a suite (the string is not empty)
};

/// "none", "no-tls13", "rejected-element", "nothing-recognised".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view ciphersuites_failure_name(
    ciphersuites_failure f) noexcept;

struct CIPHEREXPLAIN_API ciphersuites_result {
  bool ok = false;  ///< what SSL_CTX_set_ciphersuites returns (true = 1)
  ciphersuites_failure failure = ciphersuites_failure::none;
  /// The suites that go to the head of the context's list, in order: the new setting when
  /// ok, else the release's default TLS 1.3 suites (a failed call changes nothing). Suites the
  /// build cannot use are left out, as OpenSSL leaves them out.
  std::vector<const cipher*> listed;
  /// Each element in order, at most `max_elements` of them (see set_ciphersuites()).
  std::vector<ciphersuite_element> elements;
  std::size_t elements_omitted = 0;  ///< elements after the last recorded one
  /// The string holds a NUL byte here: OpenSSL reads a C string and stops there.
  std::optional<std::size_t> nul_at;
};

/// SSL_CTX_set_ciphersuites(ctx, text) on a fresh context of `release` built with `options`.
/// Records the first `max_elements` elements (0: none, which is the fast path).
[[nodiscard]] CIPHEREXPLAIN_API ciphersuites_result
set_ciphersuites(const catalog& release, std::string_view text, const build_options& options = {},
                 std::size_t max_elements = 1000);
/// The same, reusing the storage of `out`.
CIPHEREXPLAIN_API void set_ciphersuites_into(ciphersuites_result& out, const catalog& release,
                                             std::string_view text,
                                             const build_options& options = {},
                                             std::size_t max_elements = 1000);

}  // namespace cipherexplain
