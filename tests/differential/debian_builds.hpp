// SPDX-License-Identifier: Apache-2.0
#pragma once
// The libssl builds the differential tests question: Debian's, fetched by
// scripts/fetch-debian-libssl.py into CIPHEREXPLAIN_DEBIAN_CACHE (its manifest.tsv), and the
// system's own ("system", the one the tests link).

#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::testing {

struct build {
  std::string suite, libcrypto, libssl, modules, loader, library_path, packages;
};

[[nodiscard]] std::vector<std::string> split(const std::string& text, char sep);

/// The build of a Debian suite (bullseye, trixie, sid, experimental) or "system"; nullopt
/// with `why_not` when it was not fetched.
[[nodiscard]] std::optional<build> find_build(const std::string& suite, std::string& why_not);

/// The program and arguments that run `probe` on `b`: under b's own loader when it needs a
/// newer C library.
[[nodiscard]] std::vector<std::string> probe_command(const build& b, const std::string& probe);

}  // namespace cipherexplain::testing
