// SPDX-License-Identifier: Apache-2.0
#pragma once
// Cipher strings generated from a release's whole vocabulary, for comparisons with real libssl
// builds beyond the recorded corpus.

#include <cipherexplain.hpp>

#include <string>
#include <vector>

namespace cipherexplain::testing {

/// `count` strings, the same ones on every run for the same catalog: every alias and suite
/// name of the catalog (usable or not), TLS 1.3 and misspelt names, all operators and
/// separators, '+' chains, commands, DEFAULT prefixes and stray bytes.
[[nodiscard]] std::vector<std::string> generated_strings(const catalog& c, std::size_t count);

}  // namespace cipherexplain::testing
