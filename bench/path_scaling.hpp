// SPDX-License-Identifier: Apache-2.0
#pragma once
// Issue 12's scaling benchmark: every path of the command line (explain as text and JSON,
// --trace, --why, --openssl all, diff, batch) on four inputs that once were quadratic or
// heavy, from 1 KiB to 16 MiB, each run as the real CLI process: wall time, peak RSS of that
// process, output bytes. OpenSSL's own SSL_CTX_set_cipher_list on the same strings, in this
// process, is the reference next to them.

#include <cstddef>
#include <string>

namespace cipherexplain::bench {

/// Starts the small process that runs the CLI for the benchmarks. Call first in main(), while
/// this process is still small: a child's peak RSS as the kernel reports it is never below
/// the RSS of the process that forked it.
void start_cli_spawner();

/// Registers paths/<path>/<input>/<bytes> for sizes up to `max_bytes`, and
/// paths/openssl/<input>/<bytes>. Inputs are written under a temporary directory.
void register_path_scaling(const std::string& cli, std::size_t max_bytes);

/// Whether a CLI run failed (crashed, or exited with a status above 1): the benchmark binary
/// then exits with 1, so that CI notices.
[[nodiscard]] bool any_path_failed();

}  // namespace cipherexplain::bench
