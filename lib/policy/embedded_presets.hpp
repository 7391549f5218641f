// SPDX-License-Identifier: Apache-2.0
#pragma once
// The presets/*.tsv files: compiled in by cmake/embed_presets.cmake, or, in a build with
// CIPHEREXPLAIN_EMBED_PRESETS=OFF, those provide_preset_files() took (provided_presets.cpp).

#include <span>
#include <string_view>

namespace cipherexplain::detail {

struct embedded_preset_file {
  std::string_view name;  // "python.tsv"
  std::string_view text;
};

/// The files. In a run-time build the first call freezes them: provide_preset_files() refuses
/// from then on, so the span stays valid and the data read from it stays true.
[[nodiscard]] std::span<const embedded_preset_file> embedded_preset_files() noexcept;

/// What find_preset's errors add when the files were to be provided at run time and were not
/// (" (...: provide_preset_files)"); "" when they are compiled in or were provided.
[[nodiscard]] std::string_view preset_files_missing() noexcept;

}  // namespace cipherexplain::detail
