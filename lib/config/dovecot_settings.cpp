// SPDX-License-Identifier: Apache-2.0
#include "config/dovecot_settings.hpp"

#include <map>
#include <string_view>

namespace cipherexplain::detail {
std::string_view dovecot_settings_tsv() noexcept;  // generated (cmake/embed_file.cmake)
}

namespace cipherexplain::detail::dovecot {
namespace {

// name -> default, read once from the embedded table (its header row skipped).
const std::map<std::string_view, std::string_view>& settings() {
  static const std::map<std::string_view, std::string_view> table = [] {
    std::map<std::string_view, std::string_view> t;
    std::string_view text = dovecot_settings_tsv();
    bool header = true;
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (line.empty() || line.front() == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;  // the table is checked by its test
      t.emplace(line.substr(0, tab), line.substr(tab + 1));
    }
    return t;
  }();
  return table;
}

}  // namespace

std::optional<std::string_view> setting_default(std::string_view name) {
  const auto& t = settings();
  if (const auto it = t.find(name); it != t.end()) return it->second;
  return std::nullopt;
}

bool known_key(std::string_view name) {
  // 2.4's ssl_server_prefer_ciphers is read too: the reader follows 2.4 where it differs.
  return setting_default(name).has_value() || name == "ssl_protocols" ||
         name == "ssl_parameters_regenerate" || name == "ssl_dh_parameters_length" ||
         name == "ssl_server_prefer_ciphers";
}

}  // namespace cipherexplain::detail::dovecot
