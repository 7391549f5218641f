// SPDX-License-Identifier: Apache-2.0
#pragma once
// Findings about a resolved configuration: the ciphersuites string's elements and the traps
// of protocol ranges and security levels.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/configuration.hpp>

#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// Appends findings about the elements of the ciphersuites string `text`.
void check_ciphersuites(const catalog& release, std::string_view text,
                        const ciphersuites_result& set, std::vector<diagnostic>& out);

/// Appends the configuration's findings to out.diagnostics.
void check_configuration(const catalog& release, const tls_configuration& config,
                         configuration_result& out);

}  // namespace cipherexplain::detail
