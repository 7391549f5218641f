// SPDX-License-Identifier: Apache-2.0
#pragma once
// The settings Dovecot 2.3.19.1 knows at its top level, with their defaults, from
// server-settings/dovecot-2.3.19.1.tsv (recorded from the real doveconf -a). For the Dovecot
// reader: whether `$name` or an ssl_* key names a setting, and what `$name` is by default.

#include <optional>
#include <string_view>

namespace cipherexplain::detail::dovecot {

/// The default of a top-level setting of 2.3.19.1, or nullopt when there is no such setting.
[[nodiscard]] std::optional<std::string_view> setting_default(std::string_view name);

/// Whether doveconf 2.3.19.1 takes `name` as a key: a setting, or an obsolete ssl_* name its
/// config/old-set-parser.c still turns into a warning (checked with the real doveconf).
[[nodiscard]] bool known_key(std::string_view name);

}  // namespace cipherexplain::detail::dovecot
