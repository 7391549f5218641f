// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// How an OpenSSL build differs from the one a catalog records: options compiled in, providers
/// loaded, and the default security level.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/export.hpp>

#include <optional>
#include <string>

namespace cipherexplain {

/// Build and run-time choices that change what a release does with a string. The default
/// value describes the build the catalog was recorded from (catalog::build()).
struct CIPHEREXPLAIN_API build_options {
  /// 3.0+: the legacy provider is loaded before the context is created, so its algorithms
  /// (RC4, DES, SEED, RC2, and IDEA where the build has it) become usable: their suites join
  /// the list and their aliases stop being unknown words.
  bool legacy_provider = false;
  /// Built with enable-weak-ssl-ciphers (1.0.1s+, 1.0.2g+, 1.1.0+): 3DES and RC4 suites (1.1.0+)
  /// or export, single-DES and other LOW suites (1.0.x) are compiled in.
  bool weak_ciphers = false;
  /// 1.0.x built with enable-ssl2: the SSLv2 suites are compiled in (collected after the others).
  bool sslv2 = false;
  /// The build's default security level, e.g. 1 for upstream 3.0/3.1 where Debian builds use 2.
  /// Empty: the recorded build's. It never changes the cipher list, only what is reported.
  std::optional<int> security_level;

  friend bool operator==(const build_options&, const build_options&) = default;
};

/// Why `options` cannot apply to `release` (e.g. no legacy provider before 3.0), or nullopt.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> check_build_options(
    const catalog& release, const build_options& options);

/// The build options a release supports, e.g. "legacy-provider, security-level" (the CLI's flag
/// names), or "" when it has none.
[[nodiscard]] CIPHEREXPLAIN_API std::string available_build_options(const catalog& release);

/// "default build", or the options that differ, e.g. "legacy provider, security level 1".
[[nodiscard]] CIPHEREXPLAIN_API std::string describe(const build_options& options);

}  // namespace cipherexplain
