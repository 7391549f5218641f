// SPDX-License-Identifier: Apache-2.0
#pragma once
// The names SSL_CTX_set_ciphersuites() looks up on one release and build, and what the build
// can use of them, answered two ways with one contract: `direct_suite_lookup` asks the catalog
// each time (nothing to prepare: set_ciphersuites() on its own), `ciphersuite_names` prepares
// the engine's name table once (the configuration resolver, which sets many strings). On 3.0
// (bench config_parts/ciphersuites-unknown/ciphersuites, 24 names) the catalog's sorted index
// spent ~45 ns per element comparing "TLS_..." prefixes and re-reading each suite's build
// options, half of the whole resolution's time.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/ciphersuites.hpp>

#include "engine/name_table.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// Whether a TLS 1.3 suite's cipher and handshake digest are both in the build.
[[nodiscard]] constexpr bool has_algorithms(const unavailable_algorithms& unavailable,
                                            const cipher& suite) noexcept {
  return (suite.enc & unavailable.enc) == 0 && (suite.handshake_digest & unavailable.mac) == 0;
}

/// ssl3_get_cipher_by_std_name (1.1.1-3.6): the TLS 1.3, TLS 1.2 and SCSV tables, exact case;
/// ssl3_get_tls13_cipher_by_std_name (4.0+): the TLS 1.3 table, any case.
class direct_suite_lookup {
 public:
  direct_suite_lookup(const catalog& release, const build_options& options) noexcept;
  [[nodiscard]] const cipher* find(std::string_view name) const noexcept;
  /// Whether the build has the suite's algorithms (update_cipher_list leaves it out if not).
  [[nodiscard]] bool usable(const cipher& suite) const noexcept {
    return has_algorithms(unavailable_, suite);
  }

 private:
  const catalog* release_;
  const build_options* options_;
  unavailable_algorithms unavailable_;
};

/// The same answers as direct_suite_lookup, from a table made once.
class ciphersuite_names {
 public:
  ciphersuite_names(const catalog& release, const build_options& options);
  [[nodiscard]] const cipher* find(std::string_view name) const noexcept;
  [[nodiscard]] bool usable(const cipher& suite) const noexcept {
    return has_algorithms(unavailable_, suite);
  }

 private:
  const cipher* table_;
  unavailable_algorithms unavailable_;
  name_table names_;  // a name -> its suite's index in the table
};

/// set_ciphersuites_into() with a prepared table.
void set_ciphersuites_into(ciphersuites_result& out, const catalog& release, std::string_view text,
                           const ciphersuite_names& names, std::size_t max_elements);

}  // namespace cipherexplain::detail
