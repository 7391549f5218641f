#pragma once
/// @file
/// Named policies a cipher list can be checked against (Mozilla's server-side TLS profiles).

#include <cipherexplain/cipher.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// A policy: which suites it allows, by IANA name.
struct policy {
  std::string_view name;                      ///< e.g. "mozilla-intermediate"
  std::string_view description;               ///< who wrote it and which version
  std::span<const std::string_view> allowed;  ///< IANA names, TLS 1.3 suites included
};

/// Every policy this library knows.
[[nodiscard]] std::span<const policy> policies() noexcept;
/// A policy by name; nullptr when unknown.
[[nodiscard]] const policy* find_policy(std::string_view name) noexcept;

/// The suites of `suites` the policy does not allow, in list order.
[[nodiscard]] std::vector<const cipher*> violations(const policy& p,
                                                    std::span<const cipher* const> suites);

}  // namespace cipherexplain
