// SPDX-License-Identifier: Apache-2.0
#pragma once
// The presets/*.tsv files, compiled in by cmake/embed_presets.cmake.

#include <span>
#include <string_view>

namespace cipherexplain::detail {

struct embedded_preset_file {
  std::string_view name;  // "python.tsv"
  std::string_view text;
};

[[nodiscard]] std::span<const embedded_preset_file> embedded_preset_files() noexcept;

}  // namespace cipherexplain::detail
