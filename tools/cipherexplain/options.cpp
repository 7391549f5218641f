// SPDX-License-Identifier: Apache-2.0
#include "options.hpp"

#include "releases.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::cli {

void shared_options::add_release(CLI::App& app, bool several) {
  release_option = app.add_option("--openssl", release_spec,
                                  several ? "OpenSSL release(s) whose behaviour to reproduce"
                                          : "OpenSSL release")
                       ->default_val("3.0")
                       ->type_name("RELEASE")
                       // Given twice, the releases add up ("--openssl 1.1.1 --openssl 3.0" is
                       // "1.1.1,3.0"; CLI11 joins them with a line feed, read like a comma).
                       ->multi_option_policy(CLI::MultiOptionPolicy::Join);
}

void shared_options::add_format(CLI::App& app) {
  format_option = app.add_option("--format", format, "Output format")
                      ->check(CLI::IsMember({"text", "json"}))
                      ->default_val("text");
}

void shared_options::add_color(CLI::App& app) {
  color_option = app.add_option("--color", color, "Colour the output")
                     ->check(CLI::IsMember({"auto", "always", "never"}))
                     ->default_val("auto");
}

void shared_options::add_build(CLI::App& app) {
  build_options = {
      app.add_flag("--legacy-provider", flags.legacy_provider,
                   "3.0+: load the legacy provider (RC4, DES, SEED, ... become usable)"),
      app.add_flag("--weak-ciphers", flags.weak_ciphers,
                   "Build with enable-weak-ssl-ciphers (3DES/RC4 in 1.1.0+, export/LOW in 1.0.x)"),
      app.add_flag("--sslv2", flags.sslv2, "1.0.x: build with enable-ssl2 (the SSLv2 suites)"),
      app.add_option("--security-level", flags.security_level,
                     "The build's default security level (e.g. 1 for upstream 3.0, 2 for Debian)")
          ->check(CLI::Range(0, 5))
          ->type_name("N")};
}

namespace {

bool given(const CLI::Option* o) { return o != nullptr && o->count() > 0; }

std::string written(const CLI::Option* o) {
  std::string out;
  for (const std::string& r : o->results()) out += (out.empty() ? "" : ",") + r;
  return out;
}

// One option written before the command's name: taken over when the command has it and was not
// given another value after its name.
template <typename T>
void take_over(const CLI::Option* before, const CLI::Option* after, const T& before_value, T& value,
               std::string_view command) {
  if (!given(before)) return;
  if (after == nullptr) {
    throw CLI::ValidationError(
        fmt::format("{} does not apply to '{}'", before->get_name(), command));
  }
  if (given(after) && written(after) != written(before)) {
    throw CLI::ValidationError(
        fmt::format("{} is given before '{}' ({}) and after it ({}); give it once",
                    before->get_name(), command, written(before), written(after)));
  }
  value = before_value;
}

}  // namespace

shared_options effective_options(const CLI::App& app, const shared_options& before,
                                 const CLI::App& command, const shared_options& after,
                                 unsigned taken) {
  const std::string_view name = command.get_name();
  shared_options out = after;
  auto mine = [&](unsigned bit, CLI::Option* o) { return (taken & bit) != 0 ? o : nullptr; };
  take_over(before.release_option, mine(takes::release | takes::releases, after.release_option),
            before.release_spec, out.release_spec, name);
  take_over(before.format_option, mine(takes::format, after.format_option), before.format,
            out.format, name);
  take_over(before.color_option, mine(takes::color, after.color_option), before.color, out.color,
            name);
  auto build_after = [&](std::size_t i) {
    return (taken & takes::build) != 0 ? after.build_options[i] : nullptr;
  };
  take_over(before.build_options[0], build_after(0), before.flags.legacy_provider,
            out.flags.legacy_provider, name);
  take_over(before.build_options[1], build_after(1), before.flags.weak_ciphers,
            out.flags.weak_ciphers, name);
  take_over(before.build_options[2], build_after(2), before.flags.sslv2, out.flags.sslv2, name);
  take_over(before.build_options[3], build_after(3), before.flags.security_level,
            out.flags.security_level, name);
  // Whatever else was written before the command's name belongs to the default command only.
  const std::vector<const CLI::Option*> shared{before.release_option, before.format_option,
                                               before.color_option};
  for (const CLI::Option* o : app.get_options()) {
    if (!given(o) || std::find(shared.begin(), shared.end(), o) != shared.end() ||
        std::find(before.build_options.begin(), before.build_options.end(), o) !=
            before.build_options.end()) {
      continue;
    }
    if (o->get_positional()) {
      throw CLI::ValidationError(fmt::format(
          "'{}' before '{}' would be a cipher string, which '{}' does not take; write the "
          "subcommand first",
          written(o), name, name));
    }
    throw CLI::ValidationError(fmt::format("{} does not apply to '{}'", o->get_name(), name));
  }
  return out;
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

}  // namespace cipherexplain::cli
