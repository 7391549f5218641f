#pragma once
// The catalog data files, compiled in by cmake/embed_catalogs.cmake (one entry per directory
// under catalogs/).

#include <span>
#include <string_view>

namespace cipherexplain::detail {

struct embedded_catalog {
  std::string_view directory;  // e.g. "openssl-3.0.19"
  std::string_view ciphers;    // ciphers.tsv
  std::string_view aliases;    // aliases.tsv
  std::string_view release;    // release.txt
};

[[nodiscard]] std::span<const embedded_catalog> embedded_catalogs() noexcept;

}  // namespace cipherexplain::detail
