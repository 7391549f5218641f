#pragma once
/// @file
/// Named profiles a cipher list can be checked against: Mozilla's server-side TLS guidelines,
/// each version as published (profiles/mozilla.tsv, from mozilla/ssl-config-generator). A
/// profile says which suites are allowed; a policy, from the configuration layer on, is a whole
/// TLS configuration.

#include <cipherexplain/cipher.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// One level of one guideline version.
struct profile {
  std::string name;         ///< e.g. "mozilla-intermediate-5.8"
  std::string description;  ///< who wrote it and which version, e.g. "Mozilla server-side TLS 5.8,
                            ///< intermediate"
  std::string version;      ///< "5.8"
  std::string level;        ///< "modern", "intermediate" or "old"
  /// The suites it allows, by IANA name, TLS 1.3 suites included.
  std::vector<std::string> allowed;
  /// The protocol versions it allows, as the guideline names them ("TLSv1.2", ...).
  std::vector<std::string> tls_versions;
  /// The OpenSSL cipher string the guideline publishes for it (empty when it has none).
  std::string cipher_string;
  /// Where the facts come from: the guideline file and commit.
  std::string source;
};

/// Every versioned profile, oldest version first.
[[nodiscard]] std::span<const profile> profiles();
/// A profile by name: "mozilla-intermediate-5.8", or "mozilla-intermediate" for the newest
/// version that has that level (6.0 has no "old": "mozilla-old" is 5.8's). nullptr when unknown.
[[nodiscard]] const profile* find_profile(std::string_view name);
/// Every name find_profile() accepts, versioned ones first.
[[nodiscard]] std::vector<std::string> profile_names();

/// The suites of `suites` the profile does not allow, in list order.
[[nodiscard]] std::vector<const cipher*> violations(const profile& p,
                                                    std::span<const cipher* const> suites);

}  // namespace cipherexplain
