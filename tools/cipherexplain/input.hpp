// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading input, checked: a file that cannot be opened or read (a directory, a closed stdin, an
// I/O error) is an error with its own exit status, never an empty input.

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cipherexplain::cli {

/// Input could not be read; what() names it and the system's reason.
class input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A file opened for reading, or stdin for "-".
class input_file {
 public:
  explicit input_file(const std::string& path);
  ~input_file();
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;

  [[nodiscard]] std::FILE* get() const noexcept { return file_; }
  /// "stdin" or "'path'", for messages.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  std::FILE* file_ = nullptr;
  std::string name_;
  bool owned_ = false;
};

/// Up to `max` bytes read into `buffer`; 0 at the end. Throws input_error on a read error.
[[nodiscard]] std::size_t read_some(const input_file& in, char* buffer, std::size_t max);

/// The whole input. Throws input_error on a read error.
[[nodiscard]] std::string read_all(const input_file& in);

/// A cipher string given as a file or on stdin: all of it, less one final line feed (what echo
/// and editors add).
[[nodiscard]] std::string read_string(const std::string& path);

}  // namespace cipherexplain::cli
