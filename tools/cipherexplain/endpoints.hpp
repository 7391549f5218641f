// SPDX-License-Identifier: Apache-2.0
#pragma once
// Client and server specifications as the negotiate and matrix commands read them.

#include <cipherexplain.hpp>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {

/// A side read from a SPEC (`openssl=3.5,ciphers=HIGH:!aNULL,min=TLSv1.2,...`), on the release
/// its `openssl=` names or `default_release`.
struct named_endpoint {
  std::string name;  ///< what the user called it (the SPEC, or NAME from a specs file)
  std::string spec;
  const catalog* release = nullptr;
  tls_endpoint endpoint;
  /// For a preset: which one, in words, and the release it runs on ("" otherwise).
  std::string preset_note;
};

/// Reads a SPEC; throws CLI::ValidationError saying what is wrong, prefixed with `what`.
/// A SPEC may be a preset's name, or `preset=NAME[,context=C]` with pairs that override its
/// settings; without openssl= a preset runs on `default_release` when `release_given`, else
/// on the release it bundled (or the recorded one standing in for it). Python's context is
/// `server` when `what` names servers, else `client`, unless context= says otherwise.
[[nodiscard]] named_endpoint read_spec(const std::string& spec, const catalog& default_release,
                                       const std::string& what, bool release_given = true);

/// The specs of one --clients/--servers value: a SPEC, or @FILE with one `[NAME =] SPEC` per
/// line ('#' comments and blank lines ignored); with --openssl all, one per release.
[[nodiscard]] std::vector<named_endpoint> read_specs(const std::vector<std::string>& values,
                                                     const std::vector<const catalog*>& releases,
                                                     const std::string& what,
                                                     bool release_given = true);

/// The resolvers of every release the endpoints use, made once.
class resolvers {
 public:
  [[nodiscard]] const configuration_resolver& of(const catalog& release);

 private:
  std::deque<configuration_resolver> made_;
};

/// Prepares an endpoint; throws CLI::ValidationError when its release cannot take a setting.
[[nodiscard]] prepared_endpoint prepare(resolvers& all, const named_endpoint& e);

}  // namespace cipherexplain::cli
