// SPDX-License-Identifier: Apache-2.0
#pragma once
// Configuration text pasted along with a cipher string: a directive's name in front of it.

#include <optional>
#include <string>
#include <string_view>

namespace cipherexplain::detail {

/// When `token`, at the start of `source`, is the name of a server's or library's cipher-string
/// directive (nginx ssl_ciphers, Apache SSLCipherSuite, ...), a hint that says so and gives the
/// string without it; nullopt otherwise.
[[nodiscard]] std::optional<std::string> pasted_directive_hint(std::string_view source,
                                                               std::string_view token);

}  // namespace cipherexplain::detail
