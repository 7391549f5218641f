// SPDX-License-Identifier: Apache-2.0
#pragma once
// A preset resolved by cipherexplain against the linked libssl making the same context the
// software makes, in the same run: openssl_preset/<case> and cipherexplain_preset/<case>
// (bench/README.md).

namespace cipherexplain::bench {

/// Checks that resolve_preset() and the linked libssl give the same SSL_CTX_get_ciphers list
/// and SSL_CTX_get_options integer for every case, then registers the pairs; prints what
/// differs and returns false otherwise.
[[nodiscard]] bool register_preset_pairs();

}  // namespace cipherexplain::bench
