// SPDX-License-Identifier: Apache-2.0
#pragma once
// The catalog data files, compiled in by cmake/embed_catalogs.cmake (one entry per directory
// under catalogs/).

#include <span>
#include <string_view>

namespace cipherexplain::detail {

struct embedded_catalog {
  std::string_view directory;  // e.g. "openssl-3.0.19"
  std::string_view ciphers;    // ciphers.tsv
  std::string_view aliases;    // aliases.tsv
  std::string_view release;    // release.txt
  // Derived from those files by the build, one per line (see cmake/embed_catalogs.cmake):
  std::string_view words;        // what a cipher string of the default build can name
  std::string_view tls13_names;  // the TLS 1.3 suites
  std::string_view iana_names;   // "IANA-name id" of the TLS 1.2-and-older suites
  std::string_view options;      // options.tsv: the SSL_OP_* values and a fresh context's
};

[[nodiscard]] std::span<const embedded_catalog> embedded_catalogs() noexcept;

}  // namespace cipherexplain::detail
