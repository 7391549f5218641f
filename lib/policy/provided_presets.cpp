// SPDX-License-Identifier: Apache-2.0
// provide_preset_files(): in the default build the presets are compiled in (the generated
// embedded_presets.cpp) and it refuses; with CIPHEREXPLAIN_EMBED_PRESETS=OFF (the page's
// WebAssembly build, where presets/*.tsv would be ~40% of the module) this file holds the
// files handed over at run time and is what embedded_preset_files() and, for
// profiles/mozilla.tsv, mozilla_profiles_tsv() return.

#include "policy/embedded_presets.hpp"

#include <cipherexplain/preset.hpp>

#if !CIPHEREXPLAIN_EMBED_PRESETS
#include <mutex>
#endif

namespace cipherexplain {

namespace detail {
// Defined by the generated embedded_profiles.cpp, or below (lib/explain/profile.cpp reads it).
std::string_view mozilla_profiles_tsv() noexcept;
}  // namespace detail

#if CIPHEREXPLAIN_EMBED_PRESETS

// By value: the run-time build below takes the files over (a sink); here they are not used.
// NOLINTNEXTLINE(performance-unnecessary-value-param)
bool provide_preset_files(std::vector<std::pair<std::string, std::string>> /*files*/) {
  return false;  // compiled in: there is nothing to replace them with
}

namespace detail {
std::string_view preset_files_missing() noexcept { return {}; }
}  // namespace detail

#else

namespace {

// The one copy of the files. `frozen` is set by the first read: preset_data() parses the files
// once and keeps views into them, so they may neither change nor move after that.
struct provided_files {
  std::mutex mutex;
  bool frozen = false;
  std::vector<std::pair<std::string, std::string>> owned;
  std::vector<detail::embedded_preset_file> views;
};

provided_files& store() {
  static provided_files s;
  return s;
}

}  // namespace

bool provide_preset_files(std::vector<std::pair<std::string, std::string>> files) {
  provided_files& s = store();
  const std::lock_guard lock(s.mutex);
  if (s.frozen || !s.owned.empty()) return false;
  s.owned = std::move(files);
  // Views are taken after the vector is final: its strings no longer move.
  for (const auto& [name, text] : s.owned) s.views.push_back({name, text});
  return true;
}

namespace detail {

std::span<const embedded_preset_file> embedded_preset_files() noexcept {
  provided_files& s = store();
  const std::lock_guard lock(s.mutex);
  s.frozen = true;
  return s.views;
}

// The profiles' file comes with the presets, as "profiles/mozilla.tsv"; "" until provided.
std::string_view mozilla_profiles_tsv() noexcept {
  provided_files& s = store();
  const std::lock_guard lock(s.mutex);
  s.frozen = true;
  for (const auto& [name, text] : s.owned)
    if (name == "profiles/mozilla.tsv") return text;
  return {};
}

std::string_view preset_files_missing() noexcept {
  provided_files& s = store();
  const std::lock_guard lock(s.mutex);
  if (!s.owned.empty()) return {};
  return " (this build reads presets/*.tsv at run time and they were not provided: "
         "provide_preset_files)";
}

}  // namespace detail

#endif

}  // namespace cipherexplain
