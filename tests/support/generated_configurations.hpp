// SPDX-License-Identifier: Apache-2.0
#pragma once
// TLS configurations (cipher string, TLS 1.3 ciphersuites, security level, protocol range,
// SSL_OP_NO_* options, call order) generated for comparisons with real libssl builds.

#include <cipherexplain.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cipherexplain::testing {

/// `count` configurations, the same ones on every run and machine for the same seed (the
/// generator uses no std distribution, whose results the standard leaves to each library).
/// They mix, for the ciphersuites: the TLS 1.3 names of every release (CCM_8, integrity-only,
/// SM4), TLS 1.2 IANA names and SCSVs, OpenSSL-style names, near misses (case, truncation,
/// typos, too long), cipher-string words, the separators ':' ',' ';' ' ' with doubled, leading
/// and trailing ':', white space around names and the empty string; for the cipher string:
/// about 40 real ones, combinations of them, or none; security levels 0-5 or none; every pair
/// of protocol bounds from {none, SSLv3, TLS 1.0 ... TLS 1.3} (min above max too, each pair in
/// every 36 consecutive configurations); SSL_OP_NO_* combinations, holes included; both call
/// orders. No string holds a NUL byte; some hold '\t', '\n' and bytes that are not UTF-8.
[[nodiscard]] std::vector<tls_configuration> generated_configurations(
    std::size_t count, std::uint64_t seed = 20261201);

/// A one-line description for failure messages, control bytes escaped.
[[nodiscard]] std::string describe_configuration(const tls_configuration& config);

}  // namespace cipherexplain::testing
