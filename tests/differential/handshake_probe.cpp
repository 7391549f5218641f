// SPDX-License-Identifier: Apache-2.0
// One side of real TLS handshakes, made by a libssl loaded at run time (as libssl_probe does),
// so that a client of one release can shake hands with a server of another, each in its own
// process (and under its own C library's loader), connected by a socketpair.
//
// usage: handshake_probe --libcrypto PATH --libssl PATH --role client|server --fd N
// fd N is one end of a SOCK_SEQPACKET socketpair whose other end the peer probe holds. Both read
// the same cases from stdin, one per line, and make one handshake per case:
//   SECLEVEL<TAB>MIN<TAB>MAX<TAB>CIPHERS<TAB>SUITES<TAB>GROUPS<TAB>PREFER<TAB>CERTS<TAB>CERTFIRST
// SECLEVEL an integer or '-'; MIN and MAX a version number (0x0303, strtol base 0) or '-';
// CIPHERS, SUITES, GROUPS '-' (not set) or '=' and the string with '\\', '\t', '\n' and '\xHH'
// escapes; PREFER and CERTFIRST 0 or 1 (the server's); CERTS '-' or comma-separated paths
// without extension of PEM pairs (PATH.crt, PATH.key), loaded in order by the server.
// Each side sets up its context as corpus/policy/handshake/ was recorded (level, min, max,
// cipher list, ciphersuites, groups; the server: options, dh_auto, certificates; the client:
// no verification), then handshakes over a BIO pair whose far end it relays to the socket: a
// message 'D'+bytes carries TLS bytes, 'E' says "this side is done with the case". Prints
//   STEP<TAB>ERROR<TAB>STATE<TAB>PROTOCOL<TAB>CIPHER<TAB>GROUP<TAB>SERVER_KEY<TAB>SERVER_SIG
// STEP the setup call that failed or '-'; ERROR the first queued error's reason or '-'; STATE
// done, failed or waiting (the peer ended first); the rest as the recordings' fields, '-' when
// absent (only the client reports them). Only public API of 1.1.1 and later is used.

#include <dlfcn.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct api {
  int (*init_ssl)(std::uint64_t, const void*) = nullptr;
  const void* (*tls_method)() = nullptr;
  void* (*ctx_new)(const void*) = nullptr;
  void (*ctx_free)(void*) = nullptr;
  void (*set_security_level)(void*, int) = nullptr;
  long (*ctx_ctrl)(void*, int, long, void*) = nullptr;
  int (*set_cipher_list)(void*, const char*) = nullptr;
  int (*set_ciphersuites)(void*, const char*) = nullptr;
  std::uint64_t (*set_options)(void*, std::uint64_t) = nullptr;
  int (*use_certificate_file)(void*, const char*, int) = nullptr;
  int (*use_private_key_file)(void*, const char*, int) = nullptr;
  int (*check_private_key)(const void*) = nullptr;
  void (*set_verify)(void*, int, void*) = nullptr;
  void* (*ssl_new)(void*) = nullptr;
  void (*ssl_free)(void*) = nullptr;
  long (*ssl_ctrl)(void*, int, long, void*) = nullptr;
  int (*new_bio_pair)(void**, std::size_t, void**, std::size_t) = nullptr;
  void (*set_bio)(void*, void*, void*) = nullptr;
  int (*bio_read)(void*, void*, int) = nullptr;
  int (*bio_write)(void*, const void*, int) = nullptr;
  int (*bio_free)(void*) = nullptr;
  void (*set_connect_state)(void*) = nullptr;
  void (*set_accept_state)(void*) = nullptr;
  int (*do_handshake)(void*) = nullptr;
  int (*get_error)(const void*, int) = nullptr;
  const char* (*get_version)(const void*) = nullptr;
  const void* (*current_cipher)(const void*) = nullptr;
  const char* (*cipher_name)(const void*) = nullptr;
  void* (*peer_certificate)(const void*) = nullptr;  // a new reference
  void* (*x509_pubkey)(const void*) = nullptr;
  void (*x509_free)(void*) = nullptr;
  int (*pkey_base_id)(const void*) = nullptr;
  int (*pkey_bits)(const void*) = nullptr;
  void (*pkey_free)(void*) = nullptr;
  int (*pkey_group_name)(const void*, char*, std::size_t, std::size_t*) = nullptr;  // 3.0+
  const char* (*group_to_name)(void*, int) = nullptr;                               // 3.0+
  void* (*pkey_ec_key)(void*) = nullptr;                                            // 1.1.1
  const void* (*ec_key_group)(const void*) = nullptr;
  int (*ec_group_curve)(const void*) = nullptr;
  void (*ec_key_free)(void*) = nullptr;
  int (*peer_signature_type)(const void*, int*) = nullptr;
  const char* (*nid2sn)(int) = nullptr;
  unsigned long (*err_peek)() = nullptr;
  const char* (*err_reason)(unsigned long) = nullptr;
  void (*err_clear)() = nullptr;
};

// include/openssl/ssl.h(.in), evp.h, obj_mac.h: the same values in 1.1.1 and 3.x.
constexpr int ctrl_set_groups_list = 92, ctrl_peer_signature_nid = 108, ctrl_peer_tmp_key = 109,
              ctrl_set_dh_auto = 118, ctrl_set_min_proto = 123, ctrl_set_max_proto = 124,
              ctrl_negotiated_group = 134;
constexpr int filetype_pem = 1, want_read = 2, want_write = 3;
constexpr std::uint64_t op_cipher_server_preference = 0x00400000;
constexpr int pkey_rsa = 6, pkey_dh = 28, pkey_ec = 408, pkey_x25519 = 1034, pkey_x448 = 1035;
constexpr int nid_prime256v1 = 415, nid_secp384r1 = 715, nid_secp521r1 = 716;

template <typename F>
bool bind(void* handle, const char* name, F& out, bool required = true) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  if (out == nullptr && required) std::fprintf(stderr, "handshake_probe: missing %s\n", name);
  return out != nullptr || !required;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (const char c : line) {
    if (c == '\t')
      out.emplace_back();
    else
      out.back().push_back(c);
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool string_field(const std::string& field, bool& present, std::string& out) {
  out.clear();
  present = field != "-";
  if (!present) return true;
  if (field.empty() || field[0] != '=') return false;
  for (std::size_t i = 1; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out.push_back(field[i]);
      continue;
    }
    if (++i == field.size()) return false;
    if (field[i] == '\\') {
      out.push_back('\\');
    } else if (field[i] == 't') {
      out.push_back('\t');
    } else if (field[i] == 'n') {
      out.push_back('\n');
    } else if (field[i] == 'x' && i + 2 < field.size() && hex_digit(field[i + 1]) >= 0 &&
               hex_digit(field[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_digit(field[i + 1]) * 16 + hex_digit(field[i + 2])));
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

bool number_field(const std::string& field, bool& present, long& out) {
  present = field != "-";
  out = 0;
  if (!present) return true;
  char* end = nullptr;
  errno = 0;
  out = std::strtol(field.c_str(), &end, 0);
  return !field.empty() && errno == 0 && *end == '\0';
}

struct side_case {
  bool has_level = false, has_min = false, has_max = false;
  long level = 0, min = 0, max = 0;
  bool has_ciphers = false, has_suites = false, has_groups = false;
  std::string ciphers, suites, groups;
  bool prefer = false, cert_first = false;
  std::vector<std::string> certs;
};

bool read_case(const std::string& line, side_case& c) {
  const auto f = split_tabs(line);
  if (f.size() != 9) return false;
  if (!number_field(f[0], c.has_level, c.level) || !number_field(f[1], c.has_min, c.min) ||
      !number_field(f[2], c.has_max, c.max) || !string_field(f[3], c.has_ciphers, c.ciphers) ||
      !string_field(f[4], c.has_suites, c.suites) || !string_field(f[5], c.has_groups, c.groups))
    return false;
  c.prefer = f[6] == "1";
  c.cert_first = f[8] == "1";
  if (f[7] != "-") {
    std::string part;
    for (const char ch : f[7] + ",") {
      if (ch != ',') {
        part.push_back(ch);
      } else if (!part.empty()) {
        c.certs.push_back(part);
        part.clear();
      }
    }
  }
  return true;
}

std::string first_error(const api& f, const char* step) {
  const unsigned long e = f.err_peek();
  const char* reason = e != 0 ? f.err_reason(e) : nullptr;
  std::string out =
      reason != nullptr ? reason : std::string(step) + ": call failed, nothing queued";
  f.err_clear();
  return out;
}

bool load_certs(const api& f, void* ctx, const side_case& c) {
  for (const auto& path : c.certs) {
    if (f.use_certificate_file(ctx, (path + ".crt").c_str(), filetype_pem) != 1 ||
        f.use_private_key_file(ctx, (path + ".key").c_str(), filetype_pem) != 1 ||
        f.check_private_key(ctx) != 1)
      return false;
  }
  return true;
}

// The recordings' setup; returns the context, or nullptr with `step` and `error` set.
void* set_up(const api& f, const side_case& c, bool server, std::string& step, std::string& error) {
  void* ctx = f.ctx_new(f.tls_method());
  const auto fail = [&](const char* what) -> void* {
    step = what;
    error = first_error(f, what);
    f.ctx_free(ctx);
    return nullptr;
  };
  if (server && c.cert_first && !load_certs(f, ctx, c)) return fail("cert");
  if (c.has_level) f.set_security_level(ctx, static_cast<int>(c.level));
  if (c.has_min && f.ctx_ctrl(ctx, ctrl_set_min_proto, c.min, nullptr) != 1) return fail("min");
  if (c.has_max && f.ctx_ctrl(ctx, ctrl_set_max_proto, c.max, nullptr) != 1) return fail("max");
  if (c.has_ciphers && f.set_cipher_list(ctx, c.ciphers.c_str()) != 1) return fail("ciphers");
  if (c.has_suites && f.set_ciphersuites(ctx, c.suites.c_str()) != 1) return fail("ciphersuites");
  if (c.has_groups &&
      f.ctx_ctrl(ctx, ctrl_set_groups_list, 0, const_cast<char*>(c.groups.c_str())) != 1)
    return fail("groups");
  if (server) {
    if (c.prefer) f.set_options(ctx, op_cipher_server_preference);
    f.ctx_ctrl(ctx, ctrl_set_dh_auto, 1, nullptr);
    if (!c.cert_first && !load_certs(f, ctx, c)) return fail("cert");
  } else {
    f.set_verify(ctx, 0, nullptr);
  }
  return ctx;
}

// The key exchange group as the recordings name it (their README, "group").
std::string group_of(const api& f, void* ssl) {
  if (f.group_to_name != nullptr) {
    const long nid = f.ssl_ctrl(ssl, ctrl_negotiated_group, 0, nullptr);
    if (nid != 0) {
      const char* name = f.group_to_name(ssl, static_cast<int>(nid));
      if (name != nullptr) return name;
    }
  }
  void* key = nullptr;
  if (f.ssl_ctrl(ssl, ctrl_peer_tmp_key, 0, &key) != 1 || key == nullptr) return "-";
  std::string out = "-";
  const int id = f.pkey_base_id(key);
  if (id == pkey_x25519) {
    out = "x25519";
  } else if (id == pkey_x448) {
    out = "x448";
  } else if (id == pkey_ec && f.pkey_ec_key != nullptr) {
    void* ec = f.pkey_ec_key(key);
    const int curve = ec != nullptr ? f.ec_group_curve(f.ec_key_group(ec)) : 0;
    out = curve == nid_prime256v1  ? "secp256r1"
          : curve == nid_secp384r1 ? "secp384r1"
          : curve == nid_secp521r1 ? "secp521r1"
                                   : "EC-?";
    if (ec != nullptr) f.ec_key_free(ec);
  } else {
    char name[80] = {};
    std::size_t length = 0;
    if (f.pkey_group_name != nullptr && f.pkey_group_name(key, name, sizeof name, &length) == 1)
      out.assign(name, length);
    else if (id == pkey_dh)
      out = "DH-" + std::to_string(f.pkey_bits(key));
  }
  f.pkey_free(key);
  return out;
}

struct channel {
  int fd;
  bool peer_ended = false;
  // Waits for one message (10 s at most); false when none came or the peer ended.
  bool receive(const api& f, void* network) {
    if (peer_ended) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 10000) != 1) return false;
    char buffer[1 << 16];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    if (buffer[0] == 'E') {
      peer_ended = true;
      return false;
    }
    if (n > 1) f.bio_write(network, buffer + 1, static_cast<int>(n - 1));
    return true;
  }
  void flush(const api& f, void* network) const {
    char buffer[1 << 16];
    buffer[0] = 'D';
    for (int n; (n = f.bio_read(network, buffer + 1, sizeof buffer - 1)) > 0;)
      send(fd, buffer, static_cast<std::size_t>(n) + 1, 0);
  }
  void end() const { send(fd, "E", 1, 0); }
  void drain_until_end() {
    char buffer[1 << 16];
    while (!peer_ended) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 10000) != 1) return;
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      peer_ended = buffer[0] == 'E';
    }
  }
};

void print_field(const std::string& s) { std::printf("%s", s.empty() ? "-" : s.c_str()); }

void run_case(const api& f, const side_case& c, bool server, channel& ch) {
  ch.peer_ended = false;
  std::string step, error, state = "waiting", protocol, cipher, group, key, sig;
  void* ctx = set_up(f, c, server, step, error);
  if (ctx != nullptr) {
    void* ssl = f.ssl_new(ctx);
    void *inner = nullptr, *network = nullptr;
    f.new_bio_pair(&inner, 0, &network, 0);
    f.set_bio(ssl, inner, inner);
    (server ? f.set_accept_state : f.set_connect_state)(ssl);
    f.err_clear();
    while (true) {
      const int r = f.do_handshake(ssl);
      ch.flush(f, network);
      if (r == 1) {
        state = "done";
        break;
      }
      const int why = f.get_error(ssl, r);
      if (why != want_read && why != want_write) {
        state = "failed";
        error = first_error(f, "handshake");
        break;
      }
      if (!ch.receive(f, network)) break;
    }
    if (state == "done" && !server) {
      protocol = f.get_version(ssl);
      cipher = f.cipher_name(f.current_cipher(ssl));
      group = group_of(f, ssl);
      if (void* peer = f.peer_certificate(ssl)) {
        const void* pub = f.x509_pubkey(peer);
        const int id = f.pkey_base_id(pub);
        key = std::string(id == pkey_rsa  ? "RSA-"
                          : id == pkey_ec ? "EC-"
                                          : "?-") +
              std::to_string(f.pkey_bits(pub));
        f.x509_free(peer);
      }
      int type = 0, hash = 0;
      if (f.peer_signature_type(ssl, &type) == 1 &&
          f.ssl_ctrl(ssl, ctrl_peer_signature_nid, 0, &hash) == 1)
        sig = std::string(f.nid2sn(type)) + "+" + f.nid2sn(hash);
    }
    f.ssl_free(ssl);
    f.bio_free(network);
    f.ctx_free(ctx);
  }
  ch.end();
  ch.drain_until_end();
  if (!step.empty()) state = "setup";
  print_field(step);
  for (const std::string* s : {&error, &state, &protocol, &cipher, &group, &key, &sig}) {
    std::printf("\t");
    print_field(*s);
  }
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string libcrypto, libssl, role;
  int fd = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--libcrypto") libcrypto = argv[i + 1];
    if (arg == "--libssl") libssl = argv[i + 1];
    if (arg == "--role") role = argv[i + 1];
    if (arg == "--fd") fd = std::atoi(argv[i + 1]);
  }
  if (libcrypto.empty() || libssl.empty() || (role != "client" && role != "server") || fd < 0) {
    std::fprintf(stderr,
                 "usage: handshake_probe --libcrypto PATH --libssl PATH "
                 "--role client|server --fd N\n");
    return 2;
  }
  void* crypto = dlopen(libcrypto.c_str(), RTLD_NOW | RTLD_GLOBAL);
  void* ssl = crypto != nullptr ? dlopen(libssl.c_str(), RTLD_NOW | RTLD_GLOBAL) : nullptr;
  if (ssl == nullptr) {
    std::fprintf(stderr, "handshake_probe: %s\n", dlerror());
    return 2;
  }
  api f;
  const bool three = dlsym(ssl, "SSL_group_to_name") != nullptr;
  const bool bound =
      bind(ssl, "OPENSSL_init_ssl", f.init_ssl) && bind(ssl, "TLS_method", f.tls_method) &&
      bind(ssl, "SSL_CTX_new", f.ctx_new) && bind(ssl, "SSL_CTX_free", f.ctx_free) &&
      bind(ssl, "SSL_CTX_set_security_level", f.set_security_level) &&
      bind(ssl, "SSL_CTX_ctrl", f.ctx_ctrl) &&
      bind(ssl, "SSL_CTX_set_cipher_list", f.set_cipher_list) &&
      bind(ssl, "SSL_CTX_set_ciphersuites", f.set_ciphersuites) &&
      bind(ssl, "SSL_CTX_set_options", f.set_options) &&
      bind(ssl, "SSL_CTX_use_certificate_file", f.use_certificate_file) &&
      bind(ssl, "SSL_CTX_use_PrivateKey_file", f.use_private_key_file) &&
      bind(ssl, "SSL_CTX_check_private_key", f.check_private_key) &&
      bind(ssl, "SSL_CTX_set_verify", f.set_verify) && bind(ssl, "SSL_new", f.ssl_new) &&
      bind(ssl, "SSL_free", f.ssl_free) && bind(ssl, "SSL_ctrl", f.ssl_ctrl) &&
      bind(crypto, "BIO_new_bio_pair", f.new_bio_pair) && bind(ssl, "SSL_set_bio", f.set_bio) &&
      bind(crypto, "BIO_read", f.bio_read) && bind(crypto, "BIO_write", f.bio_write) &&
      bind(crypto, "BIO_free", f.bio_free) &&
      bind(ssl, "SSL_set_connect_state", f.set_connect_state) &&
      bind(ssl, "SSL_set_accept_state", f.set_accept_state) &&
      bind(ssl, "SSL_do_handshake", f.do_handshake) && bind(ssl, "SSL_get_error", f.get_error) &&
      bind(ssl, "SSL_get_version", f.get_version) &&
      bind(ssl, "SSL_get_current_cipher", f.current_cipher) &&
      bind(ssl, "SSL_CIPHER_get_name", f.cipher_name) &&
      bind(ssl, three ? "SSL_get1_peer_certificate" : "SSL_get_peer_certificate",
           f.peer_certificate) &&
      bind(crypto, "X509_get0_pubkey", f.x509_pubkey) && bind(crypto, "X509_free", f.x509_free) &&
      bind(crypto, three ? "EVP_PKEY_get_base_id" : "EVP_PKEY_base_id", f.pkey_base_id) &&
      bind(crypto, three ? "EVP_PKEY_get_bits" : "EVP_PKEY_bits", f.pkey_bits) &&
      bind(crypto, "EVP_PKEY_free", f.pkey_free) &&
      bind(crypto, "EVP_PKEY_get_group_name", f.pkey_group_name, three) &&
      bind(ssl, "SSL_group_to_name", f.group_to_name, three) &&
      bind(crypto, "EVP_PKEY_get1_EC_KEY", f.pkey_ec_key, !three) &&
      bind(crypto, "EC_KEY_get0_group", f.ec_key_group, !three) &&
      bind(crypto, "EC_GROUP_get_curve_name", f.ec_group_curve, !three) &&
      bind(crypto, "EC_KEY_free", f.ec_key_free, !three) &&
      bind(ssl, "SSL_get_peer_signature_type_nid", f.peer_signature_type) &&
      bind(crypto, "OBJ_nid2sn", f.nid2sn) && bind(crypto, "ERR_peek_error", f.err_peek) &&
      bind(crypto, "ERR_reason_error_string", f.err_reason) &&
      bind(crypto, "ERR_clear_error", f.err_clear);
  if (!bound) return 3;
  if (three) f.pkey_ec_key = nullptr;
  f.init_ssl(0, nullptr);
  channel ch{fd};
  std::string line;
  for (int c; (c = std::getchar()) != EOF;) {
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    side_case sc;
    if (!read_case(line, sc)) {
      std::printf("error\tunreadable case\n");
      return 2;
    }
    run_case(f, sc, role == "server", ch);
    line.clear();
  }
  return 0;
}
