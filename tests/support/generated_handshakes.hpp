// SPDX-License-Identifier: Apache-2.0
#pragma once
// Client/server pairs generated for comparisons with real handshakes, in the recordings' terms
// (corpus/policy/handshake/: the side objects' keys and values), so that one pair drives both
// the model (set_endpoint_field) and a real libssl (real_handshake.hpp, the probe).

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cipherexplain::testing {

/// One side: (key, value) pairs as set_endpoint_field() and the recordings name them.
using side_fields = std::vector<std::pair<std::string, std::string>>;
struct generated_pair {
  side_fields client, server;
};

/// `count` pairs, the same for a seed on every machine. Each side draws, like the recordings'
/// random part: a cipher string (none, or one of ~40 real ones), TLS 1.3 ciphersuites, bounds,
/// a security level; the server its preference and certificate (RSA 1024-3072, P-256, P-384,
/// both); and more often than the recordings groups lists and certificates loaded first.
[[nodiscard]] std::vector<generated_pair> generated_handshakes(std::size_t count,
                                                               std::uint64_t seed = 20261202);

/// "{ciphers=..., min=...} -> {...}" for failure messages.
[[nodiscard]] std::string describe_pair(const generated_pair& pair);

}  // namespace cipherexplain::testing
