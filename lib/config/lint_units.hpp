// SPDX-License-Identifier: Apache-2.0
#pragma once
// The units a lint resolves: one per block and role that has a setting of its own, with each
// kind taken from the nearest block that sets it, else from the server's defaults (its
// preset), and the tls_configuration they make.

#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/preset.hpp>

#include <array>
#include <map>
#include <optional>
#include <tuple>

#include <string>
#include <vector>

namespace cipherexplain::detail {

/// Makes the units of one configuration; built once per configuration (it indexes the
/// settings and looks the server's defaults up once).
class unit_builder {
 public:
  unit_builder(const config_read_result& config, std::size_t index,
               const std::string& server_version);

  /// Appends the units: one per block and role with a setting of its own.
  void make_units(std::vector<lint_unit>& out) const;
  /// The same unit with the source of `kind` taken from the next block out (or the
  /// default), as if the block did not set it.
  [[nodiscard]] lint_unit without_own(const lint_unit& unit, setting_kind kind) const;
  /// The effective setting that replaces setting `i` (not effective), or nullopt.
  [[nodiscard]] std::optional<std::size_t> replacing(std::size_t i) const;

 private:
  using setting_key = std::tuple<std::int32_t, setting_role, setting_kind>;
  void take_sources(lint_unit& u, std::int32_t from, std::optional<setting_kind> only) const;
  void finish(lint_unit& u) const;

  const config_read_result& config_;
  std::size_t index_;
  std::map<setting_key, std::size_t> last_;        // the last effective setting per key
  std::array<std::optional<preset>, 2> defaults_;  // per role
};

/// The configuration a unit's sources make (settings whose value the server refuses are
/// left out: their error is reported on its own).
[[nodiscard]] tls_configuration configuration_of(const config_read_result& config,
                                                 const lint_unit& unit, bool& prefer_server);

}  // namespace cipherexplain::detail
