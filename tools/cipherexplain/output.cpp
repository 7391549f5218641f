// SPDX-License-Identifier: Apache-2.0
#include "output.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace cipherexplain::cli {
namespace {

[[noreturn]] void fail(std::FILE* out, int error) {
  throw output_error(fmt::format("cannot write to {}: {}", out == stdout ? "stdout" : "the output",
                                 error != 0 ? std::strerror(error) : "write error"));
}

}  // namespace

void write_out(std::string_view text, std::FILE* out) {
  if (text.empty()) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) fail(out, errno);
}

void finish_output(std::FILE* out) {
  errno = 0;
  if (std::fflush(out) != 0 || std::ferror(out) != 0) fail(out, errno);
}

}  // namespace cipherexplain::cli
