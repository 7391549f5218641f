// SPDX-License-Identifier: Apache-2.0
#pragma once
// Simulated handshakes against real ones of the linked libssl in the same run:
// openssl_handshake/<case> and cipherexplain_handshake/<case> (contexts and prepared endpoints
// made once), openssl_setup_handshake/ and cipherexplain_setup_handshake/ (both made per
// handshake), and matrix/100x100/<releases> (bench/README.md).

namespace cipherexplain::bench {

/// Checks that the model and the linked libssl agree on every case, and registers the
/// benchmarks when they do; prints what differs and returns false otherwise.
[[nodiscard]] bool register_negotiation_pairs();

}  // namespace cipherexplain::bench
