// SPDX-License-Identifier: Apache-2.0
#pragma once
// What an unknown word most likely is, as one finding.

#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/syntax.hpp>

#include "engine/prepared_release.hpp"
#include "explain/name_index.hpp"

#include <functional>

namespace cipherexplain::detail {

/// The finding for a word OpenSSL cannot look up, at `where`, checked in this order: DEFAULT
/// out of place (default-not-first), a TLS 1.3 suite (tls13-name), a name this build cannot use
/// (name-unavailable), an IANA name before 3.2 or a name of other releases
/// (name-not-in-release), else unknown-name with the nearest names as the suggestion.
/// A '!' or '-' rule of one word that this release or build lacks, or that other releases
/// know, is a harmless-exclusion note instead when OpenSSL skips nothing after it
/// (`skips_nothing`: the rule ends its segment): there is nothing to exclude.
/// Without `suggest` the nearest names are not searched (a string's suggestions are bounded).
/// A finding whose code `wanted` refuses (the evaluation keeps no more of it) comes back with
/// its code and place only, unworded: it is only counted.
[[nodiscard]] diagnostic unknown_word_finding(const prepared_release& release,
                                              const lazy_name_suggestions& suggestions,
                                              const tree& parsed, const rule& r, source_range where,
                                              bool skips_nothing, bool suggest,
                                              const std::function<bool(diagnostic_code)>& wanted);

}  // namespace cipherexplain::detail
