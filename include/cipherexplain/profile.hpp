// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Named profiles a cipher list can be checked against: Mozilla's server-side TLS guidelines,
/// each version as published (profiles/mozilla.tsv, from mozilla/ssl-config-generator). A
/// profile says which suites are allowed; a policy, from the configuration layer on, is a whole
/// TLS configuration.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// One level of one guideline version.
struct CIPHEREXPLAIN_API profile {
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
  /// The TLS 1.3 suites the guideline publishes, as an OpenSSL ciphersuites string (IANA names,
  /// ':'-joined, e.g. "TLS_AES_128_GCM_SHA256:..."); empty when it has none (4.0, which predates
  /// TLS 1.3).
  std::string ciphersuites;
  /// The guideline's server_preferred_order: whether the server should choose by its own order.
  /// 4.0 does not have the key (5.0 added it), so it is false there.
  bool server_preference = false;
  /// The guideline's tls_curves, the key-exchange groups in its order, ':'-joined as published
  /// (4.0 to 5.2 name P-256 "secp256r1" in intermediate and old; 5.8 on list X25519MLKEM768);
  /// empty when none.
  std::string curves;
  /// The guideline's dh_param_size, the DHE group size in bits; 0 when null (modern).
  int dh_param_size = 0;
  /// The guideline's ecdh_param_size in bits (256; 160 in 4.0's old); 0 when none.
  int ecdh_param_size = 0;
  /// The guideline's certificate_types, e.g. {"ecdsa", "rsa"}.
  std::vector<std::string> certificate_types;
  /// The guideline's certificate_curves (empty when null: intermediate and old before 5.4).
  std::vector<std::string> certificate_curves;
  /// The guideline's rsa_key_size, the minimum RSA key in bits; 0 when null (modern from 5.4).
  int rsa_key_size = 0;
};

/// Every versioned profile, oldest version first.
[[nodiscard]] CIPHEREXPLAIN_API std::span<const profile> profiles();
/// A profile by name: "mozilla-intermediate-5.8", or "mozilla-intermediate" for the newest
/// version that has that level (6.0 has no "old": "mozilla-old" is 5.8's). nullptr when unknown.
[[nodiscard]] CIPHEREXPLAIN_API const profile* find_profile(std::string_view name);
/// Every name find_profile() accepts, versioned ones first.
[[nodiscard]] CIPHEREXPLAIN_API std::vector<std::string> profile_names();

/// The suites of `suites` the profile does not allow, in list order.
[[nodiscard]] CIPHEREXPLAIN_API std::vector<const cipher*> violations(
    const profile& p, std::span<const cipher* const> suites);

}  // namespace cipherexplain
