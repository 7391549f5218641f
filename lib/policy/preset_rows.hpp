// SPDX-License-Identifier: Apache-2.0
#pragma once
// The presets' data rows as read from presets/*.tsv and profiles/mozilla.tsv, parsed once.

#include <cipherexplain/preset.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// "2.7.9", "2.7.10-2.7.12", "3.10.0+", or a label ("rhel-9") that matches only itself.
struct version_range {
  std::string text;
  std::vector<int> low, high;  // empty high: open upwards
  bool open = false;
  bool label = false;
};
[[nodiscard]] std::vector<int> parse_version(std::string_view text);  // empty: not dotted digits
[[nodiscard]] version_range parse_range(std::string_view text);
[[nodiscard]] bool range_contains(const version_range& r, std::string_view version);
/// The range's first version as text ("3.6.3"; the label itself).
[[nodiscard]] std::string range_first(const version_range& r);
/// The range's last version ("3.6.15"), or "" when open.
[[nodiscard]] std::string range_last(const version_range& r);

struct python_row {
  version_range versions;
  std::string build, context, method, options, cipher_calls, min_protocol, max_protocol,
      verify_mode, check_hostname, verify_flags, https_verify, source;
  std::size_t line = 0;
};
struct installer_row {
  version_range versions;
  std::string platform, openssl, source;
};
struct support_row {
  version_range versions;
  std::string min_openssl, source;
};
struct family_row {
  std::string family, variant;
  version_range versions;
  std::string cipher_string, ciphersuites, protocols, security_level, server_preference, options,
      bundled_openssl, source, notes, file;
  std::size_t line = 0;
};

struct preset_tables {
  std::vector<python_row> python;
  std::vector<installer_row> installers;
  std::vector<support_row> python_support;
  std::vector<family_row> families;
  std::vector<preset_family> family_list;  // python first, then mozilla, then by file
};
/// Every preset file parsed (once; thread-safe). Throws std::runtime_error naming file:line on
/// bad data - a build-time mistake the tests catch.
[[nodiscard]] const preset_tables& preset_data();

}  // namespace cipherexplain::detail
