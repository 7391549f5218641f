#pragma once
// The subcommands of the CLI, each a function from parsed arguments to an exit code.

#include <cipherexplain.hpp>

#include <cstdio>

namespace cipherexplain::cli {

/// Exit codes: 0 = OpenSSL accepts the string, 1 = OpenSSL rejects it, 2 = usage error.
inline constexpr int exit_accepted = 0;
inline constexpr int exit_rejected = 1;
inline constexpr int exit_usage = 2;

/// Reads one cipher string per line ('\n' only) and writes one JSON object per line.
int run_batch(const evaluator& release, std::FILE* in, std::FILE* out);

}  // namespace cipherexplain::cli
