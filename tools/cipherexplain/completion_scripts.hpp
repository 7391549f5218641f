// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shell completion scripts, written from a description of the command tree. The description is
// taken from the CLI11 application when the script is asked for (completions_command.cpp), so
// the scripts follow every option added later without anyone editing them.

#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {

/// What the word after an option, or a positional argument, may be.
struct completion_values {
  enum class kind { none, words, files, directories };
  kind what = kind::none;
  std::vector<std::string> words;  ///< for kind::words
  /// The value may be several words joined by commas ("--openssl 1.1.1,3.0"): each is completed.
  bool comma_list = false;
};

struct completion_option {
  std::vector<std::string> long_names;   ///< "--openssl"
  std::vector<std::string> short_names;  ///< "-q"
  std::string description;               ///< one line
  bool takes_value = false;
  std::string value_name;  ///< "RELEASE", as --help shows it
  completion_values values;
};

struct completion_command {
  /// The subcommand names from the root: {} for cipherexplain itself, {"preset", "show"}.
  std::vector<std::string> path;
  std::string description;  ///< one line
  std::vector<completion_option> options;
  completion_values positionals;  ///< what the command's positional arguments are
  bool has_positionals = false;
};

/// The root command first, then every subcommand, parents before their children.
struct completion_tree {
  std::string program;  ///< "cipherexplain"
  std::vector<completion_command> commands;
};

/// The command's direct subcommands, in tree order.
[[nodiscard]] std::vector<const completion_command*> children(const completion_tree& tree,
                                                              const completion_command& parent);

/// `path` joined with `separator`: "preset/show".
[[nodiscard]] std::string joined(const std::vector<std::string>& path, std::string_view separator);
/// `text` as one POSIX shell word (single quotes), for bash and zsh.
[[nodiscard]] std::string sh_quoted(std::string_view text);

[[nodiscard]] std::string bash_script(const completion_tree& tree);
[[nodiscard]] std::string zsh_script(const completion_tree& tree);
[[nodiscard]] std::string fish_script(const completion_tree& tree);

}  // namespace cipherexplain::cli
