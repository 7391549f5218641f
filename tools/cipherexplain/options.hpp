#pragma once
// The options several commands share, each declared in one place: --openssl, --format and the
// build-option flags.

#include <cipherexplain.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::cli {

/// --openssl RELEASE; `several`: the command takes a list of releases ("all", "1.1.1,3.0").
void add_release_option(CLI::App& app, std::string& spec, bool several);

/// --format text|json.
void add_format_option(CLI::App& app, std::string& format);

/// --legacy-provider, --weak-ciphers, --sslv2 and --security-level.
struct build_flags {
  bool legacy_provider = false;
  bool weak_ciphers = false;
  bool sslv2 = false;
  std::optional<int> security_level;

  void add_to(CLI::App& app);

  /// The options as they apply to one release. strict: an option the release lacks is a usage
  /// error; otherwise (comparisons across releases) it is left out for that release only.
  [[nodiscard]] build_options for_release(const catalog& release, bool strict) const;
};

/// The one release a command that takes exactly one asks for; a usage error otherwise.
[[nodiscard]] const catalog& one_release(const std::string& spec, std::string_view command);

/// Writes to stdout.
void print(std::string_view text);

}  // namespace cipherexplain::cli
