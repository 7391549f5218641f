// SPDX-License-Identifier: Apache-2.0
#pragma once
// The options several commands share, each declared in one place: --openssl, --format, --color
// and the build-option flags. An option written before a subcommand's name belongs to the
// application; effective_options() hands it to the subcommand, or refuses it when the
// subcommand does not take it, so that no option is ever silently dropped.

#include <cipherexplain.hpp>

#include "output.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {

/// --legacy-provider, --weak-ciphers, --sslv2 and --security-level.
struct build_flags {
  bool legacy_provider = false;
  bool weak_ciphers = false;
  bool sslv2 = false;
  std::optional<int> security_level;

  /// The options as they apply to one release. strict: an option the release lacks is a usage
  /// error; otherwise (comparisons across releases) it is left out for that release only.
  [[nodiscard]] build_options for_release(const catalog& release, bool strict) const;
};

/// Which shared options a command takes.
namespace takes {
inline constexpr unsigned release = 1;   ///< --openssl, one release
inline constexpr unsigned releases = 2;  ///< --openssl, a list ("all", "1.1.1,3.0")
inline constexpr unsigned format = 4;    ///< --format text|json
inline constexpr unsigned color = 8;     ///< --color
inline constexpr unsigned build = 16;    ///< the build-option flags
}  // namespace takes

/// The shared options as given to one command (or to the application), with what was written.
struct shared_options {
  std::string release_spec = "3.0";
  std::string format = "text";
  std::string color = "auto";
  build_flags flags;

  CLI::Option* release_option = nullptr;
  CLI::Option* format_option = nullptr;
  CLI::Option* color_option = nullptr;
  std::array<CLI::Option*, 4> build_options{};  // legacy, weak, sslv2, security level

  /// --openssl RELEASE; `several`: a list of releases is accepted.
  void add_release(CLI::App& app, bool several);
  void add_format(CLI::App& app);
  void add_color(CLI::App& app);
  void add_build(CLI::App& app);
};

/// The options in effect for `command`: each as written after its name, or before it. Written
/// in both places with different values, or before it when the command does not take it (per
/// `taken`, takes:: bits), is a usage error that says so; so is any other option or argument of
/// the application (`app`) written before the command's name.
[[nodiscard]] shared_options effective_options(const CLI::App& app, const shared_options& before,
                                               const CLI::App& command, const shared_options& after,
                                               unsigned taken);

/// The one release a command that takes exactly one asks for; a usage error otherwise.
[[nodiscard]] const catalog& one_release(const std::string& spec, std::string_view command);

}  // namespace cipherexplain::cli
