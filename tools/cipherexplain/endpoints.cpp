// SPDX-License-Identifier: Apache-2.0
#include "endpoints.hpp"

#include "input.hpp"
#include "releases.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <stdexcept>

namespace cipherexplain::cli {

namespace {

const catalog& release_named(const std::string& name, const std::string& what,
                             const std::string& spec) {
  const auto found = resolve_releases(name);
  if (found.size() != 1)
    throw CLI::ValidationError(
        fmt::format("{} '{}': openssl= names one release, not {}", what, spec, found.size()));
  return *found.front();
}

// A preset as the side's starting point: its endpoint on the release it runs on.
void start_from_preset(named_endpoint& out, const endpoint_spec& parsed, const std::string& text,
                       const catalog& default_release, const std::string& what,
                       bool release_given) {
  const bool python = parsed.preset->starts_with("python");
  const std::string context = parsed.context ? *parsed.context
                              : python
                                  ? (what.find("server") != std::string::npos ? "server" : "client")
                                  : "";
  std::string error;
  const auto p = find_preset(*parsed.preset, context, error);
  if (!p) throw CLI::ValidationError(fmt::format("{} '{}': {}", what, out.spec, error));
  std::string bundled;
  const catalog* release = parsed.release  ? &release_named(*parsed.release, what, out.spec)
                           : release_given ? &default_release
                                           : preset_release(*p, &bundled);
  if (!release) release = &default_release;
  const preset_result result = resolve_preset(*p, *release);
  if (result.failure)
    throw CLI::ValidationError(fmt::format("{} '{}': {} cannot make this context: {}", what,
                                           out.spec, p->description, *result.failure));
  endpoint_spec over;
  over.endpoint = preset_endpoint(*p, result);
  if (auto why = parse_endpoint_spec(text, over))
    throw CLI::ValidationError(fmt::format("{} '{}': {}", what, out.spec, *why));
  out.release = release;
  out.endpoint = std::move(over.endpoint);
  out.preset_note = fmt::format(
      "{} is {} ({} of {}.tsv), on OpenSSL {}{}", what.substr(what.find_first_not_of('-')),
      p->description, p->versions,
      p->family == "mozilla" ? "profiles/mozilla" : "presets/" + p->family, release->release(),
      !bundled.empty() && bundled != release->release()
          ? fmt::format(", standing in for {} (bundled; not modelled)", bundled)
      : !bundled.empty() ? std::string(" (bundled)")
                         : std::string());
}

}  // namespace

named_endpoint read_spec(const std::string& spec, const catalog& default_release,
                         const std::string& what, bool release_given) {
  std::string text = spec;
  if (!text.empty() && text.find('=') == std::string::npos && text.find(',') == std::string::npos) {
    std::string error;
    if (find_preset(text, text.starts_with("python") ? "client" : "", error))
      text = "preset=" + text;
  }
  endpoint_spec parsed;
  if (auto why = parse_endpoint_spec(text, parsed))
    throw CLI::ValidationError(fmt::format("{} '{}': {}", what, spec, *why));
  named_endpoint out;
  out.name = spec;
  out.spec = spec;
  out.release = &default_release;
  if (parsed.preset) {
    start_from_preset(out, parsed, text, default_release, what, release_given);
    return out;
  }
  if (parsed.context)
    throw CLI::ValidationError(fmt::format("{} '{}': context= goes with preset=", what, spec));
  if (parsed.release) out.release = &release_named(*parsed.release, what, spec);
  out.endpoint = std::move(parsed.endpoint);
  return out;
}

namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

std::vector<named_endpoint> read_specs(const std::vector<std::string>& values,
                                       const std::vector<const catalog*>& releases,
                                       const std::string& what, bool release_given) {
  std::vector<std::pair<std::string, std::string>> named;  // (name, spec)
  for (const std::string& value : values) {
    if (value.empty() || value.front() != '@') {
      const std::size_t eq = value.find(" = ");
      if (eq == std::string::npos)
        named.emplace_back(value, value);
      else
        named.emplace_back(trimmed(value.substr(0, eq)), trimmed(value.substr(eq + 3)));
      continue;
    }
    const std::string text = read_string(value.substr(1));
    std::size_t line_no = 0, start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string line = trimmed(text.substr(start, end - start));
      ++line_no;
      start = end + 1;
      if (line.empty() || line.front() == '#') continue;
      const std::size_t eq = line.find(" = ");
      if (eq != std::string::npos)
        named.emplace_back(trimmed(line.substr(0, eq)), trimmed(line.substr(eq + 3)));
      else
        named.emplace_back(line, line);
      if (named.back().second.empty())
        throw CLI::ValidationError(
            fmt::format("{} {}:{}: no SPEC after the name", what, value.substr(1), line_no));
    }
  }
  std::vector<named_endpoint> out;
  for (auto& [name, spec] : named) {
    if (name.empty()) name = "(defaults)";
    for (const catalog* release : releases) {
      named_endpoint e = read_spec(spec, *release, what, release_given);
      // A row or column per release, or a preset on the release it chose: say which.
      e.name = (releases.size() > 1 && e.release == release) ||
                       (!release_given && !e.preset_note.empty())
                   ? fmt::format("{} @{}", name, e.release->release())
                   : name;
      const bool pinned = e.release != release;
      out.push_back(std::move(e));
      if (pinned) break;  // openssl= in the SPEC: one column, not one per release
    }
  }
  return out;
}

const configuration_resolver& resolvers::of(const catalog& release) {
  for (const auto& r : made_)
    if (&r.release() == &release) return r;
  return made_.emplace_back(release);
}

prepared_endpoint prepare(resolvers& all, const named_endpoint& e) {
  try {
    return prepared_endpoint(all.of(*e.release), e.endpoint);
  } catch (const std::invalid_argument& why) {
    throw CLI::ValidationError(
        fmt::format("'{}' on OpenSSL {}: {}", e.name, e.release->release(), why.what()));
  }
}

}  // namespace cipherexplain::cli
