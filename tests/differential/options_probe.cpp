// SPDX-License-Identifier: Apache-2.0
// SSL_OP_* options of a libssl loaded at run time (as libssl_probe does): what a fresh context
// holds, and what an SSL_CONF "Options" command does to it.
//
// usage: options_probe --libcrypto PATH --libssl PATH
// Prints "version<TAB>0xNNNNNNNN<TAB>text", then "fresh<TAB>0xOPTIONS" - SSL_CTX_get_options of
// a fresh SSL_CTX_new(TLS_method()) (SSLv23_method() before 1.1.0) - then one line per stdin
// line ('\n' only ends a line), each
//   ROLE<TAB>VALUE
// ROLE client, server or both: the SSL_CONF_FLAG_CLIENT/SERVER flags set besides
// SSL_CONF_FLAG_FILE; VALUE the string given to SSL_CONF_cmd(cctx, "Options", VALUE). On a fresh
// context: SSL_CONF_CTX_new, SSL_CONF_CTX_set_flags, SSL_CONF_CTX_set_ssl_ctx, SSL_CONF_cmd,
// SSL_CONF_CTX_finish, SSL_CONF_CTX_free. Prints
//   CMD<TAB>FINISH<TAB>0xBEFORE<TAB>0xAFTER
// CMD what SSL_CONF_cmd returned, FINISH what SSL_CONF_CTX_finish returned, BEFORE and AFTER
// the context's options before and after. A line that cannot be read, or SSL_CONF missing
// (1.0.1), gives "error<TAB>why".
//
// Only the public API is used, 1.0.1 and later: SSL_CTX_get_options where it is a function
// (1.1.0+), otherwise SSL_CTX_ctrl(SSL_CTRL_OPTIONS), which it was a macro over. Exit 2 on
// usage errors, 3 when the library cannot be loaded or lacks a function this needs.

#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct api {
  const void* (*method)() = nullptr;  // TLS_method, or SSLv23_method before 1.1.0
  void* (*ctx_new)(const void*) = nullptr;
  void (*ctx_free)(void*) = nullptr;
  long (*ctx_ctrl)(void*, int, long, void*) = nullptr;
  // unsigned long before 3.0: the same register on the platforms the tests run on.
  std::uint64_t (*get_options)(const void*) = nullptr;  // 1.1.0+ only
  void (*err_clear)() = nullptr;
  // SSL_CONF (1.0.2+).
  void* (*conf_new)() = nullptr;
  unsigned int (*conf_set_flags)(void*, unsigned int) = nullptr;
  void (*conf_set_ssl_ctx)(void*, void*) = nullptr;
  int (*conf_cmd)(void*, const char*, const char*) = nullptr;
  int (*conf_finish)(void*) = nullptr;
  void (*conf_free)(void*) = nullptr;
};

// include/openssl/ssl.h, every release.
constexpr int ctrl_options = 32;
constexpr unsigned int conf_flag_file = 0x2;
constexpr unsigned int conf_flag_client = 0x4;
constexpr unsigned int conf_flag_server = 0x8;

template <typename F>
bool bind(void* handle, const char* name, F& out, bool required = true) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  if (out == nullptr && required) std::fprintf(stderr, "options_probe: missing %s\n", name);
  return out != nullptr;
}

std::uint64_t options_of(const api& f, void* ctx) {
  if (f.get_options != nullptr) return f.get_options(ctx);
  return static_cast<std::uint64_t>(f.ctx_ctrl(ctx, ctrl_options, 0, nullptr));
}

void run(const api& f, const std::string& line) {
  const std::size_t tab = line.find('\t');
  const std::string role = tab == std::string::npos ? std::string() : line.substr(0, tab);
  unsigned int flags = conf_flag_file;
  if (role == "client")
    flags |= conf_flag_client;
  else if (role == "server")
    flags |= conf_flag_server;
  else if (role == "both")
    flags |= conf_flag_client | conf_flag_server;
  else {
    std::printf("error\texpected ROLE (client, server or both), a tab and VALUE\n");
    return;
  }
  if (f.conf_new == nullptr) {
    std::printf("error\tthis libssl has no SSL_CONF (1.0.2+)\n");
    return;
  }
  void* ctx = f.ctx_new(f.method());
  void* cctx = ctx != nullptr ? f.conf_new() : nullptr;
  if (cctx == nullptr) {
    if (ctx != nullptr) f.ctx_free(ctx);
    std::printf("error\tSSL_CTX_new or SSL_CONF_CTX_new failed\n");
    return;
  }
  const std::uint64_t before = options_of(f, ctx);
  f.conf_set_flags(cctx, flags);
  f.conf_set_ssl_ctx(cctx, ctx);
  const int cmd = f.conf_cmd(cctx, "Options", line.c_str() + tab + 1);
  const int finish = f.conf_finish(cctx);
  f.conf_free(cctx);
  f.err_clear();
  std::printf("%d\t%d\t0x%llx\t0x%llx\n", cmd, finish, static_cast<unsigned long long>(before),
              static_cast<unsigned long long>(options_of(f, ctx)));
  f.ctx_free(ctx);
}

}  // namespace

int main(int argc, char** argv) {
  const char* libcrypto = nullptr;
  const char* libssl = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--libcrypto") == 0) {
      libcrypto = argv[++i];
    } else if (i + 1 < argc && std::strcmp(argv[i], "--libssl") == 0) {
      libssl = argv[++i];
    } else {
      std::fprintf(stderr, "options_probe: unexpected argument %s\n", argv[i]);
      return 2;
    }
  }
  if (libcrypto == nullptr || libssl == nullptr) {
    std::fprintf(stderr, "usage: options_probe --libcrypto PATH --libssl PATH\n");
    return 2;
  }
  // The library's own defaults: no system SSL_CONF section adding Options to SSL_CTX_new.
  setenv("OPENSSL_CONF", "/dev/null", 1);

  void* crypto = dlopen(libcrypto, RTLD_NOW | RTLD_GLOBAL);
  void* ssl = crypto != nullptr ? dlopen(libssl, RTLD_NOW | RTLD_GLOBAL) : nullptr;
  if (ssl == nullptr) {
    std::fprintf(stderr, "options_probe: %s\n", dlerror());
    return 3;
  }
  api f;
  unsigned long (*version_num)() = nullptr;
  const char* (*version_text)(int) = nullptr;
  int (*init_ssl)(std::uint64_t, const void*) = nullptr;  // 1.1.0+
  int (*library_init)() = nullptr;                        // before 1.1.0
  const bool modern = bind(ssl, "OPENSSL_init_ssl", init_ssl, false);
  bool bound = bind(ssl, "SSL_CTX_new", f.ctx_new) && bind(ssl, "SSL_CTX_free", f.ctx_free) &&
               bind(ssl, "SSL_CTX_ctrl", f.ctx_ctrl) &&
               bind(crypto, "ERR_clear_error", f.err_clear);
  if (modern) {
    bound = bound && bind(ssl, "TLS_method", f.method) &&
            bind(crypto, "OpenSSL_version_num", version_num) &&
            bind(crypto, "OpenSSL_version", version_text);
    // A function since 1.1.0; options_of() falls back to SSL_CTX_ctrl without it.
    bind(ssl, "SSL_CTX_get_options", f.get_options, false);
  } else {
    bound = bound && bind(ssl, "SSL_library_init", library_init) &&
            bind(ssl, "SSLv23_method", f.method) && bind(crypto, "SSLeay", version_num) &&
            bind(crypto, "SSLeay_version", version_text);
  }
  if (!bound) return 3;
  // SSL_CONF came with 1.0.2; without it only the fresh line is answered.
  if (bind(ssl, "SSL_CONF_CTX_new", f.conf_new, false)) {
    const bool conf = bind(ssl, "SSL_CONF_CTX_set_flags", f.conf_set_flags) &&
                      bind(ssl, "SSL_CONF_CTX_set_ssl_ctx", f.conf_set_ssl_ctx) &&
                      bind(ssl, "SSL_CONF_cmd", f.conf_cmd) &&
                      bind(ssl, "SSL_CONF_CTX_finish", f.conf_finish) &&
                      bind(ssl, "SSL_CONF_CTX_free", f.conf_free);
    if (!conf) return 3;
  }
  if (modern)
    init_ssl(0, nullptr);
  else
    library_init();
  std::printf("version\t0x%08lx\t%s\n", version_num(), version_text(0));

  void* ctx = f.ctx_new(f.method());
  if (ctx == nullptr) {
    std::fprintf(stderr, "options_probe: SSL_CTX_new failed\n");
    return 3;
  }
  std::printf("fresh\t0x%llx\n", static_cast<unsigned long long>(options_of(f, ctx)));
  f.ctx_free(ctx);

  std::string line;
  bool pending = false;
  for (int c = 0; (c = std::getchar()) != EOF;) {
    if (c == '\n') {
      run(f, line);
      line.clear();
      pending = false;
    } else {
      line.push_back(static_cast<char>(c));
      pending = true;
    }
  }
  if (pending) run(f, line);
  return 0;
}
