// SPDX-License-Identifier: Apache-2.0
#pragma once
// batch --input handshake: a JSON object per line, as the handshake recordings' input.

#include <cipherexplain.hpp>

#include <string>
#include <string_view>

namespace cipherexplain::cli {

/// Reads one input line ({"id", "client", "server"}), simulates the handshake on `release`
/// (or the release a side's "openssl" names) and appends its line; a line that cannot be read
/// gives {"input", "error"}. `name` is the release to write as "openssl" (with several).
void append_handshake_input_line(std::string& out, std::string_view line,
                                 const configuration_resolver& release, std::string_view name);

}  // namespace cipherexplain::cli
