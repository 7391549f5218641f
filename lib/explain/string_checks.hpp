// SPDX-License-Identifier: Apache-2.0
#pragma once
// Findings about the whole string, made once the result is known.

#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/syntax.hpp>

#include "engine/prepared_release.hpp"

#include <vector>

namespace cipherexplain::detail {

/// Appends, in this order: no-cipher-selected (OpenSSL rejects the string), old-protocols-refused
/// (suites meant for TLS 1.0/1.1 on a level that refuses those versions, when the string asked
/// for them or holds nothing newer) and unusable-suites (one per reason). `asked_for_old` tells
/// whether an applied rule named SSLv3 or TLSv1.
void add_whole_string_findings(const prepared_release& release, const tree& parsed,
                               const evaluation& result, bool asked_for_old,
                               std::vector<diagnostic>& out);

}  // namespace cipherexplain::detail
