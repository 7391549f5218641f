// SPDX-License-Identifier: Apache-2.0
#pragma once
// A 10,000-file, 1,000,000-line configuration tree linted, against the linked libssl's setters
// for the same settings, and the CLI's peak memory on it (bench/README.md).

#include <string>

namespace cipherexplain::bench {

/// Registers lint_tree/cipherexplain, lint_tree/openssl and lint_tree/cli-peak-rss (the tree
/// is written when the first of them runs).
void register_lint_tree(const std::string& cli);
/// Removes the tree, if a benchmark wrote it.
void remove_lint_tree();

}  // namespace cipherexplain::bench
