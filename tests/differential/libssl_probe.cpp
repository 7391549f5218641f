// Runs cipher strings through a libssl loaded at run time, so one test binary can question
// builds it was never linked against (and that may need another C library's loader).
//
// usage: libssl_probe --libcrypto PATH --libssl PATH [--modules DIR] [--legacy]
//                     [--security-level N]
// Prints "version<TAB>0xNNNNNNNN<TAB>text" first, then per stdin line ('\n' only ends a line):
// "<ok 0|1><TAB><security level><TAB><suite names separated by spaces>" - the context's list
// after SSL_CTX_set_cipher_list on a fresh TLS_method() context.
//
// Only the public API of OpenSSL 1.1.0 and later is used. Exit 2 on usage errors, 3 when the
// library lacks a function this needs.

#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

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
};

template <typename F>
bool bind(void* handle, const char* name, F& out) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  if (out == nullptr) std::fprintf(stderr, "libssl_probe: missing %s\n", name);
  return out != nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const char* libcrypto = nullptr;
  const char* libssl = nullptr;
  const char* modules = nullptr;
  bool legacy = false;
  int security_level = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--legacy") {
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
                 "usage: libssl_probe --libcrypto PATH --libssl PATH [--modules DIR] [--legacy]\n");
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
    void* ctx = f.ctx_new(f.tls_method());
    if (security_level >= 0) f.set_security_level(ctx, security_level);
    const int ok = f.set_cipher_list(ctx, input.c_str());
    f.err_clear();
    std::printf("%d\t%d\t", ok, f.get_security_level(ctx));
    const void* list = f.get_ciphers(ctx);
    const int n = list != nullptr ? f.sk_num(list) : 0;
    for (int i = 0; i < n; ++i)
      std::printf(i == 0 ? "%s" : " %s", f.cipher_name(f.sk_value(list, i)));
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
