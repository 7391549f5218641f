// SPDX-License-Identifier: Apache-2.0
#pragma once
// Each command adds itself to the application: its options, its help, and a callback that
// runs it and sets the exit status (exit_codes.hpp). The default command's shared options are
// the application's; each subcommand is given them, as written before its name.

#include "options.hpp"

#include <CLI/CLI.hpp>

namespace cipherexplain::cli {

/// The default command: cipherexplain [OPTIONS] STRING (explain_command.cpp).
void add_explain_command(CLI::App& app, shared_options& shared, int& exit_status);
/// batch: one JSON line per input line (batch_command.cpp).
void add_batch_command(CLI::App& app, const shared_options& before, int& exit_status);
/// diff A B: what changes from string A's list to string B's (diff_command.cpp).
void add_diff_command(CLI::App& app, const shared_options& before, int& exit_status);
/// convert NAME...: OpenSSL names, IANA names and code points (convert_command.cpp).
void add_convert_command(CLI::App& app, const shared_options& before, int& exit_status);
/// negotiate: a client against a server (negotiate_command.cpp).
void add_negotiate_command(CLI::App& app, const shared_options& before, int& exit_status);
/// matrix: clients against servers, a table of outcomes (matrix_command.cpp).
void add_matrix_command(CLI::App& app, const shared_options& before, int& exit_status);
/// preset list/show/timeline: software defaults as data (preset_command.cpp).
void add_preset_command(CLI::App& app, const shared_options& before, int& exit_status);
/// lint PATH...: TLS settings of configuration files, checked (lint_command.cpp).
void add_lint_command(CLI::App& app, const shared_options& before, int& exit_status);
/// versions: the releases this build knows (versions_command.cpp).
void add_versions_command(CLI::App& app, const shared_options& before, int& exit_status);
/// completions SHELL: a completion script made from `app`'s command tree when it runs, so add it
/// with the others in any order (completions_command.cpp).
void add_completions_command(CLI::App& app, const shared_options& before, int& exit_status);

}  // namespace cipherexplain::cli
