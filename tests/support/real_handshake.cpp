// SPDX-License-Identifier: Apache-2.0
#include "real_handshake.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace cipherexplain::testing {
namespace {

struct key_and_cert {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
};

// The certificates made once, freed at exit (so leak checkers see nothing left).
struct made_certificates {
  std::vector<std::pair<std::string, key_and_cert>> all;
  made_certificates() = default;
  made_certificates(const made_certificates&) = delete;
  made_certificates& operator=(const made_certificates&) = delete;
  ~made_certificates() {
    for (auto& entry : all) {
      X509_free(entry.second.cert);
      EVP_PKEY_free(entry.second.key);
    }
  }
};

// A self-signed certificate valid for 100 years, as `openssl req -x509` made the recorded ones.
key_and_cert make_certificate(EVP_PKEY* key, const EVP_MD* digest, const char* name) {
  X509* x = X509_new();
  if (x == nullptr || key == nullptr) throw std::runtime_error("cannot make a test certificate");
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), 0);
  X509_gmtime_adj(X509_getm_notAfter(x), 100L * 365 * 24 * 3600);
  X509_set_pubkey(x, key);
  X509_NAME* subject = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(name), -1, -1, 0);
  X509_set_issuer_name(x, subject);
  if (X509_sign(x, key, digest) == 0) throw std::runtime_error("cannot sign a test certificate");
  return {key, x};
}

constexpr const char* certificate_names[] = {"rsa1024", "rsa2048", "rsa3072", "ecdsa-p256",
                                             "ecdsa-p384"};

const key_and_cert& certificate(const std::string& name) {
  // Made once: RSA-3072 key generation takes a while.
  static const made_certificates& made = []() -> const made_certificates& {
    static made_certificates out;
    auto& all = out.all;
    all.emplace_back("rsa1024", make_certificate(EVP_RSA_gen(1024), EVP_sha256(), "rsa1024.test"));
    all.emplace_back("rsa2048", make_certificate(EVP_RSA_gen(2048), EVP_sha256(), "rsa2048.test"));
    all.emplace_back("rsa3072", make_certificate(EVP_RSA_gen(3072), EVP_sha256(), "rsa3072.test"));
    all.emplace_back("ecdsa-p256",
                     make_certificate(EVP_EC_gen("P-256"), EVP_sha256(), "ecdsa-p256.test"));
    all.emplace_back("ecdsa-p384",
                     make_certificate(EVP_EC_gen("P-384"), EVP_sha384(), "ecdsa-p384.test"));
    return out;
  }();
  const auto& all = made.all;
  for (const auto& entry : all)
    if (entry.first == name) return entry.second;
  throw std::invalid_argument("unknown certificate " + name);
}

int version_of(const std::string& text) {
  if (text == "0") return 0;
  if (text == "TLS1") return TLS1_VERSION;
  if (text == "TLS1.1") return TLS1_1_VERSION;
  if (text == "TLS1.2") return TLS1_2_VERSION;
  if (text == "TLS1.3") return TLS1_3_VERSION;
  throw std::invalid_argument("unknown protocol " + text);
}

// The first queued error's reason, or what the recorder writes when nothing was queued.
std::string first_error(const char* step) {
  const unsigned long e = ERR_peek_error();
  const char* reason = e != 0 ? ERR_reason_error_string(e) : nullptr;
  std::string out =
      reason != nullptr ? reason : std::string(step) + ": call failed, nothing queued";
  ERR_clear_error();
  return out;
}

struct ctx_deleter {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
using ctx_ptr = std::unique_ptr<SSL_CTX, ctx_deleter>;
struct ssl_deleter {
  void operator()(SSL* s) const { SSL_free(s); }
};
using ssl_ptr = std::unique_ptr<SSL, ssl_deleter>;

bool load_certificates(SSL_CTX* ctx, const std::string& cert) {
  if (cert == "none") return true;
  const std::vector<std::string> names = cert == "both"
                                             ? std::vector<std::string>{"rsa2048", "ecdsa-p256"}
                                             : std::vector<std::string>{cert};
  for (const auto& name : names) {
    const key_and_cert& kc = certificate(name);
    if (SSL_CTX_use_certificate(ctx, kc.cert) != 1 || SSL_CTX_use_PrivateKey(ctx, kc.key) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1)
      return false;
  }
  return true;
}

// The recorder's setup of one side; on failure `step` and `error` say where and why.
ctx_ptr set_up(const real_side& side, bool server, std::string& step, std::string& error) {
  ctx_ptr ctx(SSL_CTX_new(TLS_method()));
  if (!ctx) throw std::runtime_error("SSL_CTX_new failed");
  const auto fail = [&](const char* what) {
    step = what;
    error = first_error(what);
    return nullptr;
  };
  if (server && side.cert_first && !load_certificates(ctx.get(), side.cert)) return fail("cert");
  if (side.seclevel) SSL_CTX_set_security_level(ctx.get(), *side.seclevel);
  if (side.min && SSL_CTX_set_min_proto_version(ctx.get(), version_of(*side.min)) != 1)
    return fail("min");
  if (side.max && SSL_CTX_set_max_proto_version(ctx.get(), version_of(*side.max)) != 1)
    return fail("max");
  if (side.ciphers && SSL_CTX_set_cipher_list(ctx.get(), side.ciphers->c_str()) != 1)
    return fail("ciphers");
  if (side.ciphersuites && SSL_CTX_set_ciphersuites(ctx.get(), side.ciphersuites->c_str()) != 1)
    return fail("ciphersuites");
  if (side.groups && SSL_CTX_set1_groups_list(ctx.get(), side.groups->c_str()) != 1)
    return fail("groups");
  if (server) {
    if (side.prefer_server) SSL_CTX_set_options(ctx.get(), SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_dh_auto(ctx.get(), 1);
    if (!side.cert_first && !load_certificates(ctx.get(), side.cert)) return fail("cert");
  } else {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  }
  return ctx;
}

std::string group_seen_by(SSL* client) {
  const int nid = static_cast<int>(SSL_get_negotiated_group(client));
  if (nid != 0) {
    const char* name = SSL_group_to_name(client, nid);
    if (name != nullptr) return name;
  }
  EVP_PKEY* key = nullptr;
  if (SSL_get_peer_tmp_key(client, &key) != 1 || key == nullptr) return "";
  std::string out;
  std::array<char, 80> name{};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name.data(), name.size(), &length) == 1)
    out.assign(name.data(), length);
  else if (EVP_PKEY_get_base_id(key) == EVP_PKEY_DH)
    out = "DH-" + std::to_string(EVP_PKEY_get_bits(key));
  EVP_PKEY_free(key);
  return out;
}

void describe_peer(SSL* client, real_outcome& out) {
  if (X509* peer = SSL_get0_peer_certificate(client)) {
    EVP_PKEY* key = X509_get0_pubkey(peer);
    const int id = EVP_PKEY_get_base_id(key);
    out.server_key = std::string(id == EVP_PKEY_RSA  ? "RSA-"
                                 : id == EVP_PKEY_EC ? "EC-"
                                                     : "?-") +
                     std::to_string(EVP_PKEY_get_bits(key));
  }
  int type = 0, hash = 0;
  if (SSL_get_peer_signature_type_nid(client, &type) == 1 &&
      SSL_get_peer_signature_nid(client, &hash) == 1)
    out.server_sig = std::string(OBJ_nid2sn(type)) + "+" + OBJ_nid2sn(hash);
}

}  // namespace

void write_certificates(const std::string& dir) {
  for (const char* name : certificate_names) {
    const key_and_cert& kc = certificate(name);
    const std::string base = dir + "/" + name;
    FILE* crt = std::fopen((base + ".crt").c_str(), "w");
    FILE* key = std::fopen((base + ".key").c_str(), "w");
    const bool ok = crt != nullptr && key != nullptr && PEM_write_X509(crt, kc.cert) == 1 &&
                    PEM_write_PrivateKey(key, kc.key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (crt != nullptr && std::fclose(crt) != 0) throw std::runtime_error("cannot write " + base);
    if (key != nullptr && std::fclose(key) != 0) throw std::runtime_error("cannot write " + base);
    if (!ok) throw std::runtime_error("cannot write " + base);
  }
}

real_contexts::real_contexts(const real_side& client, const real_side& server) {
  ERR_clear_error();
  std::string client_step, client_error, server_step, server_error;
  ctx_ptr client_ctx = set_up(client, false, client_step, client_error);
  ctx_ptr server_ctx = set_up(server, true, server_step, server_error);
  if (!client_ctx || !server_ctx) {
    real_outcome& out = setup_failure_;
    out.stage = "setup";
    const bool client_failed = !client_ctx;
    out.error_side = client_failed ? "client" : "server";
    out.error = client_failed ? client_error : server_error;
    out.failed_step = client_failed ? client_step : server_step;
    return;
  }
  client_ = client_ctx.release();
  server_ = server_ctx.release();
}

real_contexts::~real_contexts() {
  SSL_CTX_free(static_cast<SSL_CTX*>(client_));
  SSL_CTX_free(static_cast<SSL_CTX*>(server_));
}

real_outcome real_contexts::handshake() const {
  if (client_ == nullptr) return setup_failure_;
  real_outcome out;
  ssl_ptr c(SSL_new(static_cast<SSL_CTX*>(client_))), s(SSL_new(static_cast<SSL_CTX*>(server_)));
  BIO *client_bio = nullptr, *server_bio = nullptr;
  if (!c || !s || BIO_new_bio_pair(&client_bio, 0, &server_bio, 0) != 1)
    throw std::runtime_error("cannot make a BIO pair");
  SSL_set_bio(c.get(), client_bio, client_bio);
  SSL_set_bio(s.get(), server_bio, server_bio);
  SSL_set_connect_state(c.get());
  SSL_set_accept_state(s.get());

  enum class state { waiting, done, failed };
  std::array<state, 2> states{state::waiting, state::waiting};
  std::array<SSL*, 2> ssl{c.get(), s.get()};
  for (int round = 0; round < 64; ++round) {
    bool changed = false;
    for (std::size_t side = 0; side < 2; ++side) {
      if (states[side] != state::waiting) continue;
      ERR_clear_error();
      const int r = SSL_do_handshake(ssl[side]);
      if (r == 1) {
        states[side] = state::done;
        changed = true;
        continue;
      }
      const int why = SSL_get_error(ssl[side], r);
      if (why == SSL_ERROR_WANT_READ || why == SSL_ERROR_WANT_WRITE) continue;
      states[side] = state::failed;
      changed = true;
      if (out.error_side.empty()) {
        out.error_side = side == 0 ? "client" : "server";
        out.stage = "handshake";
        out.error = first_error("handshake");
      }
    }
    const bool settled = states[0] != state::waiting && states[1] != state::waiting;
    if (settled ||
        (!changed && BIO_ctrl_pending(client_bio) == 0 && BIO_ctrl_pending(server_bio) == 0))
      break;
  }
  ERR_clear_error();
  out.ok = states[0] == state::done && states[1] == state::done;
  if (!out.ok) return out;
  out.protocol = SSL_get_version(c.get());
  out.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(c.get()));
  out.group = group_seen_by(c.get());
  describe_peer(c.get(), out);
  return out;
}

real_outcome real_handshake(const real_side& client, const real_side& server) {
  return real_contexts(client, server).handshake();
}

}  // namespace cipherexplain::testing
