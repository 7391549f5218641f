#include "options.hpp"

#include "releases.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace cipherexplain::cli {

void add_release_option(CLI::App& app, std::string& spec, bool several) {
  app.add_option("--openssl", spec,
                 several ? "OpenSSL release(s) whose behaviour to reproduce" : "OpenSSL release")
      ->default_val("3.0")
      ->type_name("RELEASE");
}

void add_format_option(CLI::App& app, std::string& format) {
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
}

void build_flags::add_to(CLI::App& app) {
  app.add_flag("--legacy-provider", legacy_provider,
               "3.0+: load the legacy provider (RC4, DES, SEED, ... become usable)");
  app.add_flag("--weak-ciphers", weak_ciphers,
               "Build with enable-weak-ssl-ciphers (3DES/RC4 in 1.1.0+, export/LOW in 1.0.x)");
  app.add_flag("--sslv2", sslv2, "1.0.x: build with enable-ssl2 (the SSLv2 suites)");
  app.add_option("--security-level", security_level,
                 "The build's default security level (e.g. 1 for upstream 3.0, 2 for Debian)")
      ->check(CLI::Range(0, 5))
      ->type_name("N");
}

build_options build_flags::for_release(const catalog& release, bool strict) const {
  build_options chosen;
  chosen.security_level = security_level;
  chosen.legacy_provider = legacy_provider;
  chosen.weak_ciphers = weak_ciphers;
  chosen.sslv2 = sslv2;
  if (const auto problem = check_build_options(release, chosen)) {
    if (strict) throw CLI::ValidationError(*problem);
  } else {
    return chosen;
  }
  // Keep each option the release has.
  build_options applicable;
  auto keep_if_valid = [&](auto set) {
    build_options trial = applicable;
    set(trial);
    if (!check_build_options(release, trial)) applicable = trial;
  };
  keep_if_valid([&](build_options& o) { o.legacy_provider = chosen.legacy_provider; });
  keep_if_valid([&](build_options& o) { o.weak_ciphers = chosen.weak_ciphers; });
  keep_if_valid([&](build_options& o) { o.sslv2 = chosen.sslv2; });
  keep_if_valid([&](build_options& o) { o.security_level = chosen.security_level; });
  return applicable;
}

const catalog& one_release(const std::string& spec, std::string_view command) {
  const auto releases = resolve_releases(spec);
  if (releases.size() != 1)
    throw CLI::ValidationError("--openssl", fmt::format("{} takes exactly one release", command));
  return *releases.front();
}

void print(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace cipherexplain::cli
