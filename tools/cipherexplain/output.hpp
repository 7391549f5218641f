// SPDX-License-Identifier: Apache-2.0
#pragma once
// Writing results, checked: a failed write (a full disk, a closed stdout, a broken pipe with
// SIGPIPE ignored) is an error the user is told about, with its own exit status, never a
// silent success.

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cipherexplain::cli {

/// A write to the output failed; what() names the stream and the system's reason.
class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes all of `text` to `out` (stdout by default); throws output_error when it cannot.
void write_out(std::string_view text, std::FILE* out = stdout);

/// Writes to stdout (write_out).
inline void print(std::string_view text) { write_out(text); }

/// Flushes `out` and throws output_error if anything written to it was lost.
void finish_output(std::FILE* out = stdout);

}  // namespace cipherexplain::cli
