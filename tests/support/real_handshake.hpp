// SPDX-License-Identifier: Apache-2.0
#pragma once
// Real TLS handshakes of the linked libssl, in process over a BIO pair, made the way the
// recordings under corpus/policy/handshake/ were (their README: "handshake" mode), so that a
// test can compare the simulator with the library on cases nobody recorded.

#include <optional>
#include <string>

namespace cipherexplain::testing {

/// One side as the recordings' input objects describe it; empty fields are not set.
struct real_side {
  std::optional<std::string> ciphers, ciphersuites, min, max, groups;  // min/max: "TLS1.2", "0"
  std::optional<int> seclevel;
  bool prefer_server = false;  // server only
  std::string cert =
      "rsa2048";            // server only: rsa1024|rsa2048|rsa3072|ecdsa-p256|ecdsa-p384|both|none
  bool cert_first = false;  // server only: certificate loaded before everything else
};

/// What the recorder writes, the fields the simulator reproduces.
struct real_outcome {
  bool ok = false;
  std::string protocol, cipher, group, server_key, server_sig;  // "" where the record has null
  std::string error, error_side, stage;
  std::string failed_step;  // setup failures: ciphers|ciphersuites|min|max|groups|cert
};

/// Both sides' contexts, set up once (as a server keeps its SSL_CTX), for many handshakes.
class real_contexts {
 public:
  real_contexts(const real_side& client, const real_side& server);
  ~real_contexts();
  real_contexts(const real_contexts&) = delete;
  real_contexts& operator=(const real_contexts&) = delete;
  /// One handshake on fresh SSL objects over a fresh BIO pair.
  [[nodiscard]] real_outcome handshake() const;

 private:
  void* client_ = nullptr;  // SSL_CTX*
  void* server_ = nullptr;
  real_outcome setup_failure_;
};

/// Runs one handshake with the linked libssl. Certificates are made once per process (self-
/// signed, as the recordings' certs/: RSA with SHA-256, P-256 with SHA-256, P-384 with SHA-384).
/// Call with OPENSSL_CONF pointing at an empty file, as the recordings were made.
[[nodiscard]] real_outcome real_handshake(const real_side& client, const real_side& server);

/// Writes the same certificates as PEM files DIR/<name>.crt and DIR/<name>.key (rsa1024, rsa2048,
/// rsa3072, ecdsa-p256, ecdsa-p384) for libssl builds loaded by the probes.
void write_certificates(const std::string& dir);

}  // namespace cipherexplain::testing
