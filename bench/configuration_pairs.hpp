// SPDX-License-Identifier: Apache-2.0
#pragma once
// A whole TLS configuration (cipher string, ciphersuites, security level, protocol range)
// resolved by cipherexplain against the linked libssl doing the same calls, in the same run:
// openssl_config/<case> and cipherexplain_config/<case>, and config_parts/<case>/<part> for
// where cipherexplain's time goes (bench/README.md).

namespace cipherexplain::bench {

/// Checks that cipherexplain's configuration_resolver and the linked libssl give the same
/// context list, the same SSL_get1_supported_ciphers() list and the same setter results for
/// every case, on a fresh context and again on the same context reused. Registers the
/// benchmarks when they agree; prints what differs and returns false otherwise.
[[nodiscard]] bool register_configuration_pairs();

}  // namespace cipherexplain::bench
