#pragma once
/// @file
/// Named profiles a cipher list can be checked against (Mozilla's server-side TLS
/// recommendations). A profile says which suites are allowed; a policy, from the configuration
/// layer on, is a whole TLS configuration.

#include <cipherexplain/cipher.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// A profile: which suites it allows, by IANA name.
struct profile {
  std::string_view name;                      ///< e.g. "mozilla-intermediate"
  std::string_view description;               ///< who wrote it and which version
  std::span<const std::string_view> allowed;  ///< IANA names, TLS 1.3 suites included
};

/// Every profile this library knows.
[[nodiscard]] std::span<const profile> profiles() noexcept;
/// A profile by name; nullptr when unknown.
[[nodiscard]] const profile* find_profile(std::string_view name) noexcept;

/// The suites of `suites` the profile does not allow, in list order.
[[nodiscard]] std::vector<const cipher*> violations(const profile& p,
                                                    std::span<const cipher* const> suites);

}  // namespace cipherexplain
