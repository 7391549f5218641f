// SPDX-License-Identifier: Apache-2.0
// Which OpenSSL this system has: its libcrypto, loaded only when asked (linking it would map
// and relocate it in every run of the CLI, a third of its start-up), and asked for its version.
// Every answer of the loaded library is checked: it may be a stub, or broken.

#include <cipherexplain/catalog.hpp>

#ifndef __EMSCRIPTEN__
#include <dlfcn.h>
#endif
#include <fmt/format.h>

#include <cstdlib>

namespace cipherexplain {
namespace {

#ifdef __EMSCRIPTEN__
// A page has no libcrypto to load: emscripten's dlopen() is a stub that aborts the module.
system_lookup look_up() {
  system_lookup out;
  out.problem = "a browser has no system OpenSSL";
  return out;
}
#else

#ifdef CIPHEREXPLAIN_LIBCRYPTO
constexpr const char* built_with = CIPHEREXPLAIN_LIBCRYPTO;
#else
constexpr const char* built_with = nullptr;
#endif

// OPENSSL_VERSION_NUMBER: 3.x and later are 0xMNN00PP0, 1.x 0xMNNFFPPS with a patch letter.
std::pair<std::string, std::string> release_of(unsigned long v) {
  const unsigned long major = (v >> 28) & 0xfu;
  const unsigned long minor = (v >> 20) & 0xffu;
  if (major >= 3) {
    const std::string series = fmt::format("{}.{}", major, minor);
    return {fmt::format("{}.{}", series, (v >> 4) & 0xffu), series};
  }
  const std::string series = fmt::format("{}.{}.{}", major, minor, (v >> 12) & 0xffu);
  const unsigned long letter = (v >> 4) & 0xffu;
  return {letter == 0 || letter > 26 ? series : series + static_cast<char>('a' + letter - 1),
          series};
}

system_lookup look_up() {
  system_lookup out;
  const char* override_path = std::getenv("CIPHEREXPLAIN_LIBCRYPTO");
  const char* path =
      override_path != nullptr && *override_path != '\0' ? override_path : built_with;
  if (path == nullptr) {
    out.problem = "this build knows no libcrypto to ask";
    return out;
  }
  void* lib = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
  if (lib == nullptr) {
    // dlerror() says "<path>: <reason>" (or nothing).
    const char* error = dlerror();  // reading it clears it: once
    const std::string_view why = error != nullptr ? error : "";
    out.problem = why.starts_with(path) ? fmt::format("cannot load {}", why)
                  : why.empty()         ? fmt::format("cannot load {}", path)
                                        : fmt::format("cannot load {}: {}", path, why);
    return out;
  }
  using number_fn = unsigned long (*)();
  using text_fn = const char* (*)(int);
  // POSIX guarantees dlsym's object pointer converts to a function pointer.
  const auto number = reinterpret_cast<number_fn>(dlsym(lib, "OpenSSL_version_num"));
  const auto text = reinterpret_cast<text_fn>(dlsym(lib, "OpenSSL_version"));
  if (number == nullptr || text == nullptr) {
    out.problem = fmt::format("{} has no OpenSSL_version_num() or OpenSSL_version()", path);
    return out;
  }
  system_openssl s;
  const unsigned long v = number();
  if (v == 0) {
    out.problem = fmt::format("{} reports version number 0", path);
    return out;
  }
  const char* version = text(0 /* OPENSSL_VERSION */);
  s.version_text =
      version != nullptr ? version : fmt::format("(OpenSSL_version() of {} gave nothing)", path);
  std::tie(s.release, s.series) = release_of(v);
  for (const std::string_view name : catalog::release_names()) {
    if (name == s.release) s.exact = true;
  }
  s.stand_in = catalog::find(s.exact ? s.release : s.series);
  out.found = std::move(s);
  return out;
}
#endif  // __EMSCRIPTEN__

}  // namespace

const system_lookup& catalog::system() {
  static const system_lookup found = look_up();
  return found;
}

}  // namespace cipherexplain
