// SPDX-License-Identifier: Apache-2.0
// Runs cipher strings through a libssl loaded at run time, so one test binary can question
// builds it was never linked against (and that may need another C library's loader).
//
// usage: libssl_probe --libcrypto PATH --libssl PATH [--modules DIR] [--legacy]
//                     [--security-level N] [--mode strings|configuration]
// Prints "version<TAB>0xNNNNNNNN<TAB>text" first, then one line per stdin line ('\n' only ends
// a line).
//
// --mode strings (the default): "<ok 0|1><TAB><security level><TAB><suite names separated by
// spaces>" - the context's list after SSL_CTX_set_cipher_list on a fresh TLS_method() context.
//
// --mode configuration (1.1.1+): each line is a whole configuration,
//   ORDER<TAB>SECLEVEL<TAB>MIN<TAB>MAX<TAB>OPTIONS<TAB>CIPHERLIST<TAB>SUITES
// ORDER is list-first or suites-first; SECLEVEL an integer or '-' (not set); MIN and MAX a
// version number (0x0303, strtol base 0) or '-' (not set); OPTIONS SSL_OP_* bits in hex for
// SSL_CTX_set_options (0: not called); CIPHERLIST and SUITES '-' (not set) or '=' and the
// string with '\\', '\t', '\n' and '\xHH' escapes. On a fresh SSL_CTX_new(TLS_method()):
// SSL_CTX_set_security_level, SSL_CTX_set_cipher_list and SSL_CTX_set_ciphersuites in ORDER,
// SSL_CTX_set_options, SSL_CTX_set_min_proto_version, SSL_CTX_set_max_proto_version; then
// SSL_new, SSL_set_connect_state and SSL_get1_supported_ciphers. Prints
//   LIST_OK<TAB>SUITES_OK<TAB>MIN_OK<TAB>MAX_OK<TAB>LEVEL<TAB>MIN_AFTER<TAB>MAX_AFTER<TAB>
//   CIPHERS<TAB>SUPPORTED
// with each *_OK 0, 1 or '-' (not called); LEVEL from SSL_get_security_level; MIN_AFTER and
// MAX_AFTER from SSL_get_{min,max}_proto_version as 0x%04x; CIPHERS the names of
// SSL_CTX_get_ciphers, space-separated; SUPPORTED those of SSL_get1_supported_ciphers, or NULL
// where it returns NULL. A line that cannot be read gives "error<TAB>why".
//
// Only the public API of OpenSSL 1.1.0 and later is used (1.1.1 for --mode configuration). Exit
// 2 on usage errors, 3 when the library lacks a function this needs.

#include <dlfcn.h>

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
  int (*set_cipher_list)(void*, const char*) = nullptr;
  void* (*get_ciphers)(const void*) = nullptr;
  int (*sk_num)(const void*) = nullptr;
  void* (*sk_value)(const void*, int) = nullptr;
  const char* (*cipher_name)(const void*) = nullptr;
  int (*get_security_level)(const void*) = nullptr;
  void (*set_security_level)(void*, int) = nullptr;
  unsigned long (*version_num)() = nullptr;
  const char* (*version_text)(int) = nullptr;
  void (*err_clear)() = nullptr;
  void* (*provider_load)(void*, const char*) = nullptr;  // 3.0+ only
  // --mode configuration only (1.1.1+).
  int (*set_ciphersuites)(void*, const char*) = nullptr;
  long (*ctx_ctrl)(void*, int, long, void*) = nullptr;
  long (*ssl_ctrl)(void*, int, long, void*) = nullptr;
  std::uint64_t (*set_options)(void*, std::uint64_t) = nullptr;  // unsigned long before 3.0
  void* (*ssl_new)(void*) = nullptr;
  void (*ssl_free)(void*) = nullptr;
  void (*set_connect_state)(void*) = nullptr;
  void* (*supported_ciphers)(void*) = nullptr;
  int (*ssl_security_level)(const void*) = nullptr;
  void (*sk_free)(void*) = nullptr;
};

// include/openssl/ssl.h (1.1.1) and ssl.h.in (3.0+): the same values in every release.
constexpr int ctrl_set_min_proto_version = 123;
constexpr int ctrl_set_max_proto_version = 124;
constexpr int ctrl_get_min_proto_version = 130;
constexpr int ctrl_get_max_proto_version = 131;

template <typename F>
bool bind(void* handle, const char* name, F& out) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  if (out == nullptr) std::fprintf(stderr, "libssl_probe: missing %s\n", name);
  return out != nullptr;
}

void print_names(const api& f, const void* list) {
  const int n = list != nullptr ? f.sk_num(list) : 0;
  for (int i = 0; i < n; ++i)
    std::printf(i == 0 ? "%s" : " %s", f.cipher_name(f.sk_value(list, i)));
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

// A CIPHERLIST or SUITES field: '-' (absent) or '=' and the escaped string.
bool string_field(const std::string& field, bool& present, std::string& out) {
  out.clear();
  present = false;
  if (field == "-") return true;
  if (field.empty() || field[0] != '=') return false;
  present = true;
  for (std::size_t i = 1; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out.push_back(field[i]);
      continue;
    }
    if (++i == field.size()) return false;
    switch (field[i]) {
      case '\\':
        out.push_back('\\');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'x': {
        const int hi = i + 2 < field.size() ? hex_digit(field[i + 1]) : -1;
        const int lo = hi >= 0 ? hex_digit(field[i + 2]) : -1;
        if (lo < 0) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

// A number field (strtol/strtoull base 0) or '-' for "not set".
bool number_field(const std::string& field, bool& present, long& out) {
  present = field != "-";
  out = 0;
  if (!present) return true;
  if (field.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtol(field.c_str(), &end, 0);
  return errno == 0 && *end == '\0';
}

// One --mode configuration line; false (and a message) when it cannot be read.
bool run_configuration(const api& f, const std::string& line, std::string& why) {
  const std::vector<std::string> field = split_tabs(line);
  if (field.size() != 7) {
    why = "expected 7 tab-separated fields";
    return false;
  }
  if (field[0] != "list-first" && field[0] != "suites-first") {
    why = "ORDER must be list-first or suites-first";
    return false;
  }
  const bool suites_first = field[0] == "suites-first";
  bool has_level = false, has_min = false, has_max = false, has_list = false, has_suites = false;
  long level = 0, min = 0, max = 0;
  std::string list, suites;
  if (!number_field(field[1], has_level, level) || !number_field(field[2], has_min, min) ||
      !number_field(field[3], has_max, max)) {
    why = "SECLEVEL, MIN and MAX must be numbers or '-'";
    return false;
  }
  char* end = nullptr;
  errno = 0;
  const unsigned long long options = std::strtoull(field[4].c_str(), &end, 16);
  if (field[4].empty() || errno != 0 || *end != '\0') {
    why = "OPTIONS must be hex";
    return false;
  }
  if (!string_field(field[5], has_list, list) || !string_field(field[6], has_suites, suites)) {
    why = "CIPHERLIST and SUITES must be '-' or '=' and an escaped string";
    return false;
  }

  void* ctx = f.ctx_new(f.tls_method());
  if (ctx == nullptr) {
    why = "SSL_CTX_new failed";
    return false;
  }
  if (has_level) f.set_security_level(ctx, static_cast<int>(level));
  int list_ok = -1, suites_ok = -1, min_ok = -1, max_ok = -1;
  for (int step = 0; step < 2; ++step) {
    if ((step == 0) == suites_first) {
      if (has_suites) suites_ok = f.set_ciphersuites(ctx, suites.c_str());
    } else if (has_list) {
      list_ok = f.set_cipher_list(ctx, list.c_str());
    }
  }
  if (options != 0) f.set_options(ctx, static_cast<std::uint64_t>(options));
  if (has_min) min_ok = static_cast<int>(f.ctx_ctrl(ctx, ctrl_set_min_proto_version, min, nullptr));
  if (has_max) max_ok = static_cast<int>(f.ctx_ctrl(ctx, ctrl_set_max_proto_version, max, nullptr));
  f.err_clear();
  void* ssl = f.ssl_new(ctx);
  if (ssl == nullptr) {
    f.err_clear();
    f.ctx_free(ctx);
    why = "SSL_new failed";
    return false;
  }
  f.set_connect_state(ssl);
  void* supported = f.supported_ciphers(ssl);
  f.err_clear();
  auto flag = [](int v) { return v < 0 ? "-" : v == 1 ? "1" : "0"; };
  std::printf("%s\t%s\t%s\t%s\t%d\t0x%04lx\t0x%04lx\t", flag(list_ok), flag(suites_ok),
              flag(min_ok), flag(max_ok), f.ssl_security_level(ssl),
              static_cast<unsigned long>(f.ssl_ctrl(ssl, ctrl_get_min_proto_version, 0, nullptr)),
              static_cast<unsigned long>(f.ssl_ctrl(ssl, ctrl_get_max_proto_version, 0, nullptr)));
  print_names(f, f.get_ciphers(ctx));
  std::printf("\t");
  if (supported == nullptr) {
    std::printf("NULL");
  } else {
    print_names(f, supported);
    f.sk_free(supported);
  }
  std::printf("\n");
  f.ssl_free(ssl);
  f.ctx_free(ctx);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const char* libcrypto = nullptr;
  const char* libssl = nullptr;
  const char* modules = nullptr;
  bool legacy = false;
  int security_level = -1;
  bool configuration = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 < argc && arg == "--mode" &&
        (std::strcmp(argv[i + 1], "strings") == 0 ||
         std::strcmp(argv[i + 1], "configuration") == 0)) {
      configuration = std::strcmp(argv[++i], "configuration") == 0;
    } else if (arg == "--legacy") {
      legacy = true;
    } else if (i + 1 < argc && arg == "--libcrypto") {
      libcrypto = argv[++i];
    } else if (i + 1 < argc && arg == "--libssl") {
      libssl = argv[++i];
    } else if (i + 1 < argc && arg == "--modules") {
      modules = argv[++i];
    } else if (i + 1 < argc && arg == "--security-level") {
      security_level = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "libssl_probe: unexpected argument %s\n", arg.c_str());
      return 2;
    }
  }
  if (libcrypto == nullptr || libssl == nullptr) {
    std::fprintf(stderr,
                 "usage: libssl_probe --libcrypto PATH --libssl PATH [--modules DIR] [--legacy]\n"
                 "                    [--security-level N] [--mode strings|configuration]\n");
    return 2;
  }
  // As the oracle was recorded: no configuration file, providers only as asked.
  setenv("OPENSSL_CONF", "/dev/null", 1);
  if (modules != nullptr) setenv("OPENSSL_MODULES", modules, 1);

  void* crypto = dlopen(libcrypto, RTLD_NOW | RTLD_GLOBAL);
  void* ssl = crypto != nullptr ? dlopen(libssl, RTLD_NOW | RTLD_GLOBAL) : nullptr;
  if (ssl == nullptr) {
    std::fprintf(stderr, "libssl_probe: %s\n", dlerror());
    return 3;
  }
  api f;
  const bool bound =
      bind(ssl, "OPENSSL_init_ssl", f.init_ssl) && bind(ssl, "TLS_method", f.tls_method) &&
      bind(ssl, "SSL_CTX_new", f.ctx_new) && bind(ssl, "SSL_CTX_free", f.ctx_free) &&
      bind(ssl, "SSL_CTX_set_cipher_list", f.set_cipher_list) &&
      bind(ssl, "SSL_CTX_get_ciphers", f.get_ciphers) &&
      bind(ssl, "SSL_CIPHER_get_name", f.cipher_name) &&
      bind(ssl, "SSL_CTX_get_security_level", f.get_security_level) &&
      bind(ssl, "SSL_CTX_set_security_level", f.set_security_level) &&
      bind(crypto, "OPENSSL_sk_num", f.sk_num) && bind(crypto, "OPENSSL_sk_value", f.sk_value) &&
      bind(crypto, "OpenSSL_version_num", f.version_num) &&
      bind(crypto, "OpenSSL_version", f.version_text) &&
      bind(crypto, "ERR_clear_error", f.err_clear);
  if (!bound) return 3;
  if (configuration) {
    const bool more = bind(ssl, "SSL_CTX_set_ciphersuites", f.set_ciphersuites) &&
                      bind(ssl, "SSL_CTX_ctrl", f.ctx_ctrl) && bind(ssl, "SSL_ctrl", f.ssl_ctrl) &&
                      bind(ssl, "SSL_CTX_set_options", f.set_options) &&
                      bind(ssl, "SSL_new", f.ssl_new) && bind(ssl, "SSL_free", f.ssl_free) &&
                      bind(ssl, "SSL_set_connect_state", f.set_connect_state) &&
                      bind(ssl, "SSL_get1_supported_ciphers", f.supported_ciphers) &&
                      bind(ssl, "SSL_get_security_level", f.ssl_security_level) &&
                      bind(crypto, "OPENSSL_sk_free", f.sk_free);
    if (!more) return 3;
  }
  if (legacy) {
    // Loading any provider explicitly stops the default one from loading by itself.
    if (!bind(crypto, "OSSL_PROVIDER_load", f.provider_load)) return 3;
    if (f.provider_load(nullptr, "legacy") == nullptr ||
        f.provider_load(nullptr, "default") == nullptr) {
      std::fprintf(stderr, "libssl_probe: cannot load the legacy provider\n");
      return 3;
    }
  }
  f.init_ssl(0, nullptr);
  std::printf("version\t0x%08lx\t%s\n", f.version_num(), f.version_text(0));

  std::string line;
  int c = 0;
  bool pending = false;
  auto run = [&](const std::string& input) {
    if (configuration) {
      std::string why;
      if (!run_configuration(f, input, why)) std::printf("error\t%s\n", why.c_str());
      return;
    }
    void* ctx = f.ctx_new(f.tls_method());
    if (security_level >= 0) f.set_security_level(ctx, security_level);
    const int ok = f.set_cipher_list(ctx, input.c_str());
    f.err_clear();
    std::printf("%d\t%d\t", ok, f.get_security_level(ctx));
    print_names(f, f.get_ciphers(ctx));
    std::printf("\n");
    f.ctx_free(ctx);
  };
  while ((c = std::getchar()) != EOF) {
    if (c == '\n') {
      run(line);
      line.clear();
      pending = false;
    } else {
      line.push_back(static_cast<char>(c));
      pending = true;
    }
  }
  if (pending) run(line);
  return 0;
}
