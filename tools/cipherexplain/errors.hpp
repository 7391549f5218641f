// SPDX-License-Identifier: Apache-2.0
#pragma once
// How failures reach the user: one line on stderr, or a JSON object there when the output was
// asked for as JSON, always with the exit status (exit_codes.hpp).

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace cipherexplain::cli {

/// Whether the command line asks for JSON (--format json, anywhere): errors are JSON then too.
[[nodiscard]] bool wants_json(int argc, const char* const* argv);

/// A usage error's message in words: CLI11's "At Most 1 required but received 2" becomes
/// "--openssl is given 2 times; give it once", and an unknown option gets the nearest known
/// option names.
[[nodiscard]] std::string usage_message(const CLI::App& app, const CLI::ParseError& error, int argc,
                                        const char* const* argv);

/// Writes the failure to stderr and returns `exit_status`. `kind`: usage, input, output,
/// internal. Usage errors in text end with a pointer to --help.
int report_failure(std::string_view kind, std::string_view message, int exit_status, bool json);

}  // namespace cipherexplain::cli
