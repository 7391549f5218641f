// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/build_options.hpp>

#include "catalog/build_facts.hpp"

#include <fmt/format.h>

namespace cipherexplain {

std::optional<std::string> check_build_options(const catalog& release,
                                               const build_options& options) {
  const unavailable_algorithms& legacy = release.legacy_provider();
  if (options.legacy_provider && !legacy.any()) {
    return fmt::format("OpenSSL {} has no legacy provider (providers exist from 3.0)",
                       release.release());
  }
  if (options.weak_ciphers && !release.has_build_option("weak-ssl-ciphers")) {
    return fmt::format("OpenSSL {} has no enable-weak-ssl-ciphers option", release.release());
  }
  if (options.sslv2 && !release.has_build_option("ssl2")) {
    return fmt::format("OpenSSL {} has no SSLv2 suites (SSLv2 was removed in 1.1.0)",
                       release.release());
  }
  if (options.security_level) {
    if (release.default_security_level() < 0) {
      return fmt::format("OpenSSL {} has no security levels (they exist from 1.1.0)",
                         release.release());
    }
    if (*options.security_level < 0 || *options.security_level > 5) {
      return fmt::format("security level {} is out of range 0..5", *options.security_level);
    }
  }
  return std::nullopt;
}

std::string available_build_options(const catalog& release) {
  std::string out;
  auto add = [&out](std::string_view what) {
    if (!out.empty()) out += ", ";
    out += what;
  };
  if (release.legacy_provider().any()) add("legacy-provider");
  if (release.has_build_option("weak-ssl-ciphers")) add("weak-ciphers");
  if (release.has_build_option("ssl2")) add("sslv2");
  if (release.default_security_level() >= 0) add("security-level");
  return out;
}

std::string describe(const build_options& options) {
  std::string out;
  auto add = [&out](std::string_view what) {
    if (!out.empty()) out += ", ";
    out += what;
  };
  if (options.legacy_provider) add("legacy provider");
  if (options.weak_ciphers) add("weak ciphers");
  if (options.sslv2) add("SSLv2 suites");
  if (options.security_level) add(fmt::format("security level {}", *options.security_level));
  return out.empty() ? "default build" : out;
}

namespace detail {

bool compiled_in(const build_options& options, std::string_view needs) noexcept {
  // An entry behind build options is compiled in when every one of them is enabled.
  while (!needs.empty()) {
    const std::size_t comma = needs.find(',');
    const std::string_view option = needs.substr(0, comma);
    if (!((option == "weak-ssl-ciphers" && options.weak_ciphers) ||
          (option == "ssl2" && options.sslv2))) {
      return false;
    }
    needs = comma == std::string_view::npos ? std::string_view{} : needs.substr(comma + 1);
  }
  return true;
}

unavailable_algorithms unavailable_in(const catalog& release,
                                      const build_options& options) noexcept {
  return options.legacy_provider ? release.unavailable().without(release.legacy_provider())
                                 : release.unavailable();
}

}  // namespace detail
}  // namespace cipherexplain
