// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs a program with arguments (no shell) and collects its exit code and output.

#include <string>
#include <vector>

namespace cipherexplain::testing {

struct process_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `program` with `args`, feeding `input` on stdin.
[[nodiscard]] process_result run_process(const std::string& program,
                                         const std::vector<std::string>& args,
                                         const std::string& input = {});

}  // namespace cipherexplain::testing
