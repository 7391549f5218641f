#include "endpoints.hpp"

#include "input.hpp"
#include "releases.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <stdexcept>

namespace cipherexplain::cli {

named_endpoint read_spec(const std::string& spec, const catalog& default_release,
                         const std::string& what) {
  endpoint_spec parsed;
  if (auto why = parse_endpoint_spec(spec, parsed))
    throw CLI::ValidationError(fmt::format("{} '{}': {}", what, spec, *why));
  named_endpoint out;
  out.name = spec;
  out.spec = spec;
  out.release = &default_release;
  if (parsed.release) {
    const auto found = resolve_releases(*parsed.release);
    if (found.size() != 1)
      throw CLI::ValidationError(
          fmt::format("{} '{}': openssl= names one release, not {}", what, spec, found.size()));
    out.release = found.front();
  }
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
                                       const std::string& what) {
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
      named_endpoint e = read_spec(spec, *release, what);
      e.name = releases.size() > 1 && e.release == release
                   ? fmt::format("{} @{}", name, release->release())
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
