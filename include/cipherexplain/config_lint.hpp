// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Linting configuration files: the TLS configuration each block forms with what it inherits
/// (and the server's defaults for what nobody sets), resolved on releases, with every finding
/// placed on the line and column of the configuration file it is about.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/config_file.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/profile.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cipherexplain {

/// Where a setting of a unit comes from.
struct CIPHEREXPLAIN_API unit_source {
  /// Index into the configuration's settings; nullopt when no file sets it.
  std::optional<std::size_t> setting;
  /// When no file sets it: the server's default, as the preset `preset` says (its value in
  /// `value`); empty when the server leaves it to OpenSSL.
  std::string preset;
  std::string value;
  std::optional<std::uint16_t> meaning;  ///< as tls_setting::meaning, for a default
};

/// One TLS configuration a block forms: its own settings, what it inherits from the blocks
/// around it, and the server's defaults for the rest.
struct CIPHEREXPLAIN_API lint_unit {
  std::size_t config = 0;  ///< index into lint_report::configs
  std::int32_t block = 0;
  setting_role role = setting_role::server;
  std::string label;  ///< "http > server a.example", with the role when it is the client side
  /// Per setting_kind (in the enum's order), where the unit's value comes from.
  std::array<unit_source, 7> sources;
  tls_configuration configuration;
  bool prefer_server = false;
  /// Per release asked for, in that order: the index of its resolution in
  /// lint_report::resolutions (blocks that form the same configuration share one), or
  /// no_result when the release cannot take the configuration at all.
  std::vector<std::size_t> results;
  static constexpr std::size_t no_result = static_cast<std::size_t>(-1);
};

/// A finding placed in a configuration file.
struct CIPHEREXPLAIN_API lint_finding {
  diagnostic finding;  ///< offset and length are into the setting's value (0 when none)
  std::string file;    ///< "" for a finding with no place (a default's)
  std::uint32_t line = 0, column = 0;
  std::uint32_t end_line = 0, end_column = 0;  ///< one past the last character; 0: a point
  std::optional<std::size_t> config;           ///< index into lint_report::configs
  std::optional<std::size_t> setting;          ///< index into that configuration's settings
  std::optional<std::size_t> unit;             ///< index into lint_report::units
  /// The releases it was found on; empty when it does not depend on the release.
  std::vector<std::string> releases;
};

struct CIPHEREXPLAIN_API lint_options {
  /// The releases to resolve on; empty: the newest recorded release.
  std::vector<const catalog*> releases;
  /// A profile every unit is checked against (suites and protocol versions); nullptr: none.
  const profile* policy = nullptr;
  /// The servers' defaults come from their presets' newest rows; a version picks another row
  /// (for every software read), e.g. "1.22.1" for Debian 12's nginx. Empty: the newest.
  std::string server_version;
};

struct CIPHEREXPLAIN_API lint_report {
  std::vector<config_read_result> configs;
  std::vector<lint_unit> units;
  std::vector<lint_finding> findings;  ///< ordered by file, line, column
  std::vector<std::string> releases;   ///< the releases resolved on, by name
  /// Every distinct configuration resolved, on its release (what lint_unit::results index).
  std::vector<configuration_result> resolutions;
};

/// A unit's resolution on the `release`-th release, or nullptr when there is none.
[[nodiscard]] CIPHEREXPLAIN_API const configuration_result* unit_result(
    const lint_report& report, const lint_unit& unit, std::size_t release) noexcept;

/// Lints what read_config read. Never throws for bad input.
[[nodiscard]] CIPHEREXPLAIN_API lint_report lint(std::vector<config_read_result> configs,
                                                 const lint_options& options = {});

/// The most severe finding of a report; nullopt when it has none.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<severity> worst_severity(
    const lint_report& report) noexcept;

}  // namespace cipherexplain
