// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// SSL_OP_* options per release: what each macro is worth on that release (catalogs/<release>/
/// options.tsv, read from its ssl.h), what a fresh SSL_CTX_new sets, and the integer
/// SSL_CTX_get_options returns after an application's SSL_CTX_set_options/clear_options calls.
/// Applications such as Python name options symbolically and are compiled against one release:
/// the same names give a different integer, or nothing at all, on another.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/export.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// One SSL_OP_* macro of one release.
struct CIPHEREXPLAIN_API ssl_option {
  std::string_view name;  ///< without the SSL_OP_ prefix: "NO_SSLv3"
  std::uint64_t value = 0;
  bool new_ctx = false;   ///< SSL_CTX_new sets it on a fresh context
  std::string_view conf;  ///< the SSL_CONF "Options" keyword ("-Compression": inverted), or ""
  std::string_view note;  ///< e.g. "defined as 0 since 1.1.0: no effect", or ""
  [[nodiscard]] bool composite() const noexcept;  ///< more than one bit (ALL, NO_SSL_MASK)
};

/// The release's SSL_OP_* macros in header order.
[[nodiscard]] CIPHEREXPLAIN_API std::span<const ssl_option> ssl_options(const catalog& release);
/// A macro by name, with or without the "SSL_OP_" or "OP_" prefix; nullptr when the release's
/// ssl.h does not define it.
[[nodiscard]] CIPHEREXPLAIN_API const ssl_option* find_ssl_option(const catalog& release,
                                                                  std::string_view name);
/// SSL_CTX_get_options of a fresh SSL_CTX_new(TLS_method()) (SSLv23_method() on 1.0.x).
[[nodiscard]] CIPHEREXPLAIN_API std::uint64_t new_context_options(const catalog& release);
/// The single-bit macros whose bit is set in `value`, in header order (what Python's
/// `ssl.Options` flags would name).
[[nodiscard]] CIPHEREXPLAIN_API std::vector<std::string_view> option_names(const catalog& release,
                                                                           std::uint64_t value);

/// An application's option calls as text: terms separated by '|', each `NAME` (set it),
/// `NAME~OTHER~...` (NAME without OTHER's bits, as in SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_
/// FRAGMENTS) or `-NAME` (clear it), applied in order.
struct CIPHEREXPLAIN_API option_term {
  std::string name;
  std::vector<std::string> without;
  bool clear = false;
};
/// Reads the text; nullopt with `error` set when a term is empty or malformed.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::vector<option_term>> parse_option_terms(
    std::string_view text, std::string& error);

/// The options once the terms are applied to a fresh context of `release`.
struct CIPHEREXPLAIN_API applied_options {
  std::uint64_t value = 0;
  /// Names the release's ssl.h does not define: an application compiled against it guards
  /// them with #ifdef, so they set nothing.
  std::vector<std::string> undefined;
  /// Names defined as 0 on this release (kept for source compatibility): they change nothing.
  std::vector<std::string> no_effect;
};
[[nodiscard]] CIPHEREXPLAIN_API applied_options apply_options(const catalog& release,
                                                              std::span<const option_term> terms);

}  // namespace cipherexplain
