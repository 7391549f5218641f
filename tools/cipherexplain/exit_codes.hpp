// SPDX-License-Identifier: Apache-2.0
#pragma once
// The exit statuses of every command (--help lists them).

namespace cipherexplain::cli {

/// OpenSSL accepts the string (every chosen release does); diff: the lists are the same;
/// convert: every name is a suite.
inline constexpr int exit_accepted = 0;
/// OpenSSL rejects the string (some chosen release does); diff: the lists differ; convert: a
/// name is not a suite.
inline constexpr int exit_rejected = 1;
/// A usage error: an unknown option or release, a missing string, a build option the release
/// lacks.
inline constexpr int exit_usage = 2;
/// Accepted, but the list breaks the --policy.
inline constexpr int exit_policy = 3;
/// Something failed inside the tool (out of memory, a bug); the message says what.
inline constexpr int exit_internal = 4;
/// The output could not be written (a full disk, a closed stdout); the message says why.
inline constexpr int exit_output = 5;
/// An input could not be read (a missing file, a directory, a closed stdin); the message says
/// which and why.
inline constexpr int exit_input = 6;

}  // namespace cipherexplain::cli
