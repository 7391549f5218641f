// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Negotiation: which protocol, suite, key exchange group and signature a client and a server
/// agree on - each a TLS configuration on its own release - or which side fails, at which
/// stage, with OpenSSL's reason, and what setting caused it. A model of OpenSSL's handshake
/// (no bytes are exchanged), checked against real handshakes of each release.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/export.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// A server certificate's public key, which is all the handshake asks of it here (the client
/// does not verify: no chain, name or CA checks). Self-signed, signed with SHA-256 (RSA, P-256)
/// or SHA-384 (P-384).
struct CIPHEREXPLAIN_API certificate_key {
  enum class algorithm : std::uint8_t { rsa, ec };
  algorithm type = algorithm::rsa;
  std::uint16_t bits = 2048;  ///< RSA modulus bits, or the curve's: 256 (P-256), 384, 521
  friend bool operator==(const certificate_key&, const certificate_key&) = default;
};

/// The certificates named as the recordings and the CLI name them: rsa1024, rsa2048, rsa3072,
/// rsa4096, ecdsa-p256, ecdsa-p384, ecdsa-p521, both (rsa2048 then ecdsa-p256, in one context)
/// and none. nullopt when unknown.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::vector<certificate_key>> certificates_named(
    std::string_view name);
/// "RSA-2048", "EC-256": the key as a client sees it.
[[nodiscard]] CIPHEREXPLAIN_API std::string describe(const certificate_key& key);

/// One side of a connection: its configuration plus what only a handshake asks.
struct CIPHEREXPLAIN_API tls_endpoint {
  tls_configuration config;
  /// SSL_CTX_set1_groups_list; empty: the release's default groups.
  std::optional<std::string> groups;
  /// SSL_OP_CIPHER_SERVER_PREFERENCE (a server's setting; a client ignores it).
  bool prefer_server = false;
  /// The server's certificates, loaded in this order (SSL_CTX_use_certificate); the client's
  /// are ignored (no client authentication).
  std::vector<certificate_key> certificates{certificate_key{}};
  /// The certificates are loaded right after SSL_CTX_new, before the security level is set,
  /// so the level's key-size check happens only in the handshake.
  bool certificates_first = false;
  friend bool operator==(const tls_endpoint&, const tls_endpoint&) = default;
};

enum class handshake_side : std::uint8_t { client, server };
enum class handshake_stage : std::uint8_t { setup, handshake };
[[nodiscard]] CIPHEREXPLAIN_API std::string_view side_name(
    handshake_side side) noexcept;  ///< "client"
[[nodiscard]] CIPHEREXPLAIN_API std::string_view stage_name(
    handshake_stage stage) noexcept;  ///< "setup"

/// What went wrong, one value per distinct cause (several causes share a reason string).
enum class failure_cause : std::uint8_t {
  not_configurable,            ///< the release lacks a setter the configuration uses (e.g.
                               ///< ciphersuites before 1.1.1): check_configuration()'s reason
  cipher_list_rejected,        ///< SSL_CTX_set_cipher_list selected nothing
  ciphersuites_rejected,       ///< SSL_CTX_set_ciphersuites accepted nothing
  groups_rejected,             ///< SSL_CTX_set1_groups_list named an unknown group
  certificate_too_small,       ///< the certificate's key is below the security level
  no_protocols,                ///< this side has no usable protocol version
  protocol_range_invalid,      ///< 1.1.1 server: min above max ("internal error")
  no_ciphers,                  ///< nothing to offer (or nothing for its highest version)
  no_groups,                   ///< 3.x client: no group its level allows for its versions
  no_key_share,                ///< client: no key share group its level allows
  unsupported_protocol,        ///< the two version ranges do not meet
  no_shared_cipher,            ///< no suite both accept for the version chosen
  no_shared_group,             ///< TLS 1.3: no key exchange group in common
  no_shared_signatures,        ///< no signature scheme both sides allow at all (Suite B, levels)
  no_signature_algorithm,      ///< no signature scheme fits the certificate and both levels
  legacy_signature,            ///< client: the server's TLS 1.0/1.1 signature is below its level
  key_too_small_in_handshake,  ///< a certificate loaded before the level was raised
  dh_key_too_small,            ///< client: the server's DH group is below the client's level
  wrong_curve,                 ///< client: the ECDHE curve is not one of its groups (or, in Suite
                               ///< B, not the suite's)
};

/// Why a handshake fails, as OpenSSL reports it.
struct CIPHEREXPLAIN_API handshake_failure {
  handshake_side side = handshake_side::server;  ///< the side that fails first
  handshake_stage stage = handshake_stage::handshake;
  failure_cause cause = failure_cause::no_shared_cipher;
  /// ERR_reason_error_string of the first error that side queues, e.g. "no shared cipher";
  /// "groups: call failed, nothing queued" where OpenSSL queues none.
  std::string reason;
  /// setup: the call that failed ("ciphers", "ciphersuites", "groups", "cert").
  std::string_view step;
  /// Which setting caused it and what would change it, in a sentence or two.
  std::string explanation;
};

/// The outcome of one handshake.
struct CIPHEREXPLAIN_API handshake_result {
  bool ok = false;
  std::uint16_t protocol = 0;     ///< version:: value
  const cipher* suite = nullptr;  ///< from the server's release
  /// The key exchange group as the client's release names it ("x25519", "secp256r1",
  /// "X25519MLKEM768", "ffdhe2048", DHE: "modp_2048" on 3.x, "DH-2048" on 1.1.1); empty for
  /// RSA key exchange.
  std::string group;
  std::string server_key;      ///< describe(certificate used), e.g. "RSA-2048"
  std::string signature_type;  ///< "RSASSA-PSS", "rsaEncryption", "id-ecPublicKey"; ""
  std::string signature_hash;  ///< "SHA256", "MD5-SHA1"; "" without a signature
  bool hello_retry = false;    ///< TLS 1.3: the server asked for another key share
  std::optional<handshake_failure> failure;
  /// The version the server chose, also when the handshake failed after that (0 before).
  std::uint16_t version_chosen = 0;
  /// How a release without TLS 1.3 or security levels changes the outcome, and which side's
  /// release the model was not checked against a real build of.
  std::vector<std::string> notes;
};

namespace detail {
struct negotiation_side;
}

/// One side prepared on its release: resolved once, negotiated against many peers.
class CIPHEREXPLAIN_API prepared_endpoint {
 public:
  prepared_endpoint(const configuration_resolver& release, const tls_endpoint& endpoint);
  ~prepared_endpoint();
  prepared_endpoint(prepared_endpoint&&) noexcept;
  prepared_endpoint& operator=(prepared_endpoint&&) noexcept;
  prepared_endpoint(const prepared_endpoint&) = delete;
  prepared_endpoint& operator=(const prepared_endpoint&) = delete;

  [[nodiscard]] const tls_endpoint& endpoint() const noexcept;
  [[nodiscard]] const configuration_result& configuration() const noexcept;
  [[nodiscard]] const catalog& release() const noexcept;
  [[nodiscard]] const detail::negotiation_side& side() const noexcept { return *side_; }

 private:
  std::unique_ptr<detail::negotiation_side> side_;
};

/// The handshake of `client` against `server`.
[[nodiscard]] CIPHEREXPLAIN_API handshake_result negotiate(const prepared_endpoint& client,
                                                           const prepared_endpoint& server);

/// Every client against every server, row by row: the result of clients[i] against servers[j]
/// is at i * servers.size() + j.
[[nodiscard]] CIPHEREXPLAIN_API std::vector<handshake_result> negotiate_all(
    std::span<const prepared_endpoint* const> clients,
    std::span<const prepared_endpoint* const> servers);

/// One suite the handshake passed over, and why.
struct CIPHEREXPLAIN_API passed_suite {
  const cipher* suite = nullptr;  ///< of the release whose list decided
  std::string reason;             ///< e.g. "the server's security level 3 refuses it: SHA-1 MAC"
};

/// Why a handshake ended as it did (`--why`).
struct CIPHEREXPLAIN_API negotiation_why {
  std::string version;  ///< how the version was chosen (empty when the handshake ended before)
  handshake_side order = handshake_side::client;  ///< whose list decided the suite
  std::string choice;                             ///< why this suite, or why none
  /// The deciding list's suites ahead of the chosen one (all, when none was), each with why it
  /// was passed over.
  std::vector<passed_suite> passed_over;
  std::string key_exchange;  ///< how the group was chosen
  std::string signature;     ///< how the signature scheme and certificate were chosen
};

/// Explains `result`, the outcome of negotiate(client, server).
[[nodiscard]] CIPHEREXPLAIN_API negotiation_why explain_negotiation(const prepared_endpoint& client,
                                                                    const prepared_endpoint& server,
                                                                    const handshake_result& result);

/// What it would take to negotiate `suite` (an OpenSSL or IANA name) between the two: the
/// settings that stand in its way and what to change, in a few sentences.
[[nodiscard]] CIPHEREXPLAIN_API std::string what_selects(const prepared_endpoint& client,
                                                         const prepared_endpoint& server,
                                                         std::string_view suite);

/// The same for two endpoints on their releases (prepares both: prefer prepared_endpoint for
/// many pairs). A configuration check_configuration() rejects is a setup failure
/// (failure_cause::not_configurable).
[[nodiscard]] CIPHEREXPLAIN_API handshake_result negotiate(const catalog& client_release,
                                                           const tls_endpoint& client,
                                                           const catalog& server_release,
                                                           const tls_endpoint& server);

}  // namespace cipherexplain

namespace cipherexplain {

/// Sets one field of `endpoint` by the name the CLI's SPEC and the recordings use:
/// `ciphers`, `ciphersuites`, `min`, `max` (TLSv1 ... TLSv1.3, TLS1.2, or 0 for no bound),
/// `level` or `seclevel` (0-5), `groups`, `cert` (certificates_named), `prefer-server` or
/// `prefer_server` and `cert-first` or `cert_first` (true/false, or empty for true).
/// Returns why the field cannot be set, or nullopt.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> set_endpoint_field(
    tls_endpoint& endpoint, std::string_view key, std::string_view value);
/// Whether `key` names a field set_endpoint_field() knows (or `openssl`, which a SPEC uses for
/// the release).
[[nodiscard]] CIPHEREXPLAIN_API bool is_endpoint_field(std::string_view key) noexcept;

/// A SPEC as `key=value` pairs separated by commas: `openssl=3.5,ciphers=HIGH:!aNULL,min=TLSv1.2,
/// level=2,cert=ecdsa-p256,prefer-server`. A comma belongs to a value unless a known key and
/// '=' (or a flag's name) follow it, so cipher strings may hold commas.
struct CIPHEREXPLAIN_API endpoint_spec {
  tls_endpoint endpoint;
  std::optional<std::string> release;  ///< the `openssl=` value, when given
  /// `preset=NAME` and `context=` (Python's): the front end starts from the preset's endpoint
  /// and applies the other pairs over it (see preset.hpp).
  std::optional<std::string> preset, context;
};
/// The SPEC that gives `endpoint` on `release` (fields that are set, in a fixed order): what
/// parse_endpoint_spec() reads back into the same endpoint.
[[nodiscard]] CIPHEREXPLAIN_API std::string to_spec(const tls_endpoint& endpoint,
                                                    std::string_view release = {});

/// Reads a SPEC; the error names the offending pair.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> parse_endpoint_spec(
    std::string_view text, endpoint_spec& out);

}  // namespace cipherexplain
