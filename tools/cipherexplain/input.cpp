// SPDX-License-Identifier: Apache-2.0
#include "input.hpp"

#include <cipherexplain/syntax.hpp>

#include <fmt/format.h>

#include <algorithm>

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cipherexplain::cli {
namespace {

[[noreturn]] void fail(std::string_view what, const std::string& name, int error) {
  throw input_error(fmt::format("cannot {} {}: {}", what, name,
                                error != 0 ? std::strerror(error) : "read error"));
}

}  // namespace

input_file::input_file(const std::string& path) {
  if (path == "-") {
    file_ = stdin;
    name_ = "stdin";
    return;
  }
  name_ = fmt::format("'{}'", path);
  errno = 0;
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) fail("open", name_, errno);
  owned_ = true;
}

input_file::~input_file() {
  if (owned_) std::fclose(file_);
}

std::size_t read_some(const input_file& in, char* buffer, std::size_t max) {
  // read(2), not fread: it returns what a pipe holds now instead of waiting for a full block,
  // so that batch answers each line as it arrives.
  while (true) {
    const ssize_t n = ::read(fileno(in.get()), buffer, max);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) fail("read", in.name(), errno);
  }
}

std::string read_all(const input_file& in) {
  std::string data;
  char buffer[1 << 16];
  while (const std::size_t n = read_some(in, buffer, sizeof buffer)) data.append(buffer, n);
  return data;
}

std::string read_string(const std::string& path) {
  // Past the library's limit the string is refused whatever follows (input-too-long), so one
  // byte more than the limit is all that is read.
  const input_file in(path);
  std::string text;
  char buffer[1 << 16];
  while (text.size() <= max_input_length) {
    const std::size_t n = read_some(in, buffer, sizeof buffer);
    if (n == 0) break;
    text.append(buffer, std::min(n, max_input_length + 1 - text.size()));
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace cipherexplain::cli
