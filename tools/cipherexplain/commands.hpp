#pragma once
// Each command adds itself to the application: its options, its help, and a callback that
// runs it and sets the exit status (exit_codes.hpp).

#include <CLI/CLI.hpp>

#include <string>

namespace cipherexplain::cli {

/// Options of the application that subcommands read too (written before the subcommand).
struct global_options {
  std::string color = "auto";  ///< --color: auto, always or never
};

/// The default command: cipherexplain [OPTIONS] STRING (explain_command.cpp).
void add_explain_command(CLI::App& app, global_options& globals, int& exit_status);
/// batch: one JSON line per input line (batch_command.cpp).
void add_batch_command(CLI::App& app, int& exit_status);
/// diff A B: what changes from string A's list to string B's (diff_command.cpp).
void add_diff_command(CLI::App& app, const global_options& globals, int& exit_status);
/// convert NAME...: OpenSSL names, IANA names and code points (convert_command.cpp).
void add_convert_command(CLI::App& app, int& exit_status);
/// versions: the releases this build knows (versions_command.cpp).
void add_versions_command(CLI::App& app, int& exit_status);

}  // namespace cipherexplain::cli
