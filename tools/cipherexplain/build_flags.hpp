#pragma once
// The build-option flags every command that evaluates strings takes.

#include <cipherexplain.hpp>

#include <CLI/CLI.hpp>

#include <optional>

namespace cipherexplain::cli {

struct build_flags {
  bool legacy_provider = false;
  bool weak_ciphers = false;
  bool sslv2 = false;
  std::optional<int> security_level;

  /// Adds --legacy-provider, --weak-ciphers, --sslv2 and --security-level to a command.
  void add_to(CLI::App& app);

  /// The options as they apply to one release. strict: an option the release lacks is a usage
  /// error; otherwise (comparisons across releases) it is left out for that release only.
  [[nodiscard]] build_options for_release(const catalog& release, bool strict) const;
};

}  // namespace cipherexplain::cli
