// SPDX-License-Identifier: Apache-2.0
#pragma once
// Turning what the user typed after --openssl into catalogs.

#include <cipherexplain.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::cli {

/// The release matching the libcrypto this program runs with ("3.0.19", else its series), or
/// nullptr when no catalog matches it.
[[nodiscard]] const catalog* system_release();
/// The system libcrypto's version text, or why there is none.
[[nodiscard]] std::string system_openssl_text();

/// Resolves an --openssl value: an exact release (3.0.19), a series (3.0), "latest", "system",
/// "all", or a comma-separated list of those. Throws CLI::ValidationError naming the known
/// releases when something is unknown.
[[nodiscard]] std::vector<const catalog*> resolve_releases(const std::string& spec);

/// "1.0.1u, 1.0.2u, ..." for messages.
[[nodiscard]] std::string known_releases();

}  // namespace cipherexplain::cli
