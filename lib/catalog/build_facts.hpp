// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a build with given options holds: which table entries are compiled in and which
// algorithms it cannot use. The list engine and the TLS 1.3 setter both ask.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>

#include <string_view>

namespace cipherexplain::detail {

/// Whether a table entry needing these comma-separated build options (cipher::option) is
/// compiled in.
[[nodiscard]] bool compiled_in(const build_options& options, std::string_view needs) noexcept;

/// The algorithms the build cannot use: the recorded build's gaps, less what the legacy
/// provider adds when it is loaded.
[[nodiscard]] unavailable_algorithms unavailable_in(const catalog& release,
                                                    const build_options& options) noexcept;

}  // namespace cipherexplain::detail
