#pragma once
// The subcommands of the CLI, each a function from parsed arguments to an exit code.

#include <cipherexplain.hpp>

#include "style.hpp"

#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace cipherexplain::cli {

/// Exit codes: 0 = OpenSSL accepts the string, 1 = OpenSSL rejects it, 2 = usage error,
/// 3 = accepted, but the list breaks the --policy.
inline constexpr int exit_accepted = 0;
inline constexpr int exit_rejected = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_policy = 3;

/// Reads one cipher string per line ('\n' only) and writes one JSON object per line.
int run_batch(std::span<const evaluator> releases, std::FILE* in, std::FILE* out);

/// `diff A B`: what changes from string A's list to string B's. Exit 0 when the lists are the
/// same, 1 when they differ (as diff(1) does).
int run_diff(const evaluator& release, const std::string& a, const std::string& b,
             const std::string& format, const style& colours);

/// `convert NAME...`: OpenSSL names, IANA names and code points into each other. Exit 0 when
/// every name is known, 1 otherwise.
int run_convert(const catalog& release, const std::vector<std::string>& names,
                const std::string& format);

}  // namespace cipherexplain::cli
