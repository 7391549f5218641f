// SPDX-License-Identifier: Apache-2.0
// provide_preset_files(): refused where the presets are compiled in (the default build), and,
// with CIPHEREXPLAIN_TEST_RUN_TIME_PRESETS (this file linked with provided_presets.cpp built as
// CIPHEREXPLAIN_EMBED_PRESETS=OFF builds it), the run-time path the web page takes: no
// presets (nor Mozilla's guidelines) and a clear error before the files come, the same after.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace cipherexplain;

std::vector<std::pair<std::string, std::string>> preset_files() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : std::filesystem::directory_iterator(CIPHEREXPLAIN_PRESETS_DIR)) {
    if (entry.path().extension() != ".tsv") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.emplace_back(entry.path().filename().string(), text.str());
  }
  std::ifstream in(CIPHEREXPLAIN_PROFILES_FILE, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  out.emplace_back("profiles/mozilla.tsv", text.str());
  return out;
}

#ifndef CIPHEREXPLAIN_TEST_RUN_TIME_PRESETS

TEST(provided_presets, refused_where_the_presets_are_compiled_in) {
  EXPECT_FALSE(provide_preset_files(preset_files()));
  EXPECT_FALSE(provide_preset_files({}));
  // Nothing changed: the compiled-in data still answers, and no error blames missing files.
  std::string error;
  EXPECT_TRUE(find_preset("python-3.6.15", "client", error)) << error;
  EXPECT_FALSE(find_preset("nosuchfamily-1.0", "", error));
  EXPECT_EQ(error.find("not provided"), std::string::npos) << error;
}

#else

// Each case in a child process: the first preset call freezes the data for the process.
TEST(provided_presets, before_the_files_none_and_a_clear_error) {
  EXPECT_EXIT(
      {
        std::string error;
        const bool python = find_preset("python-3.6.15", "client", error).has_value();
        const bool said = error.find("not provided") != std::string::npos;
        error.clear();
        const bool other = find_preset("nginx-1.24.0", "", error).has_value();
        const bool said_too = error.find("not provided") != std::string::npos;
        error.clear();
        const bool mozilla = find_preset("mozilla-intermediate-5.8", "", error).has_value();
        const bool said_for_mozilla = error.find("not provided") != std::string::npos;
        // Read once: providing now would change data already handed out.
        const bool late = provide_preset_files(preset_files());
        std::exit(!python && said && !other && said_too && !mozilla && said_for_mozilla &&
                          profiles().empty() && !late
                      ? 0
                      : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(provided_presets, provided_files_give_the_same_presets) {
  EXPECT_EXIT(
      {
        const bool taken = provide_preset_files(preset_files());
        const bool again = provide_preset_files(preset_files());
        std::string error;
        const auto p = find_preset("python-debian-3.11.2", "client", error);
        const bool mozilla = find_preset("mozilla-intermediate-5.8", "", error).has_value();
        const catalog* c = catalog::find("3.0.19");
        const bool resolved = p && c && !resolve_preset(*p, *c).resolved.ciphers.empty() &&
                              !preset_list_json().empty();
        std::exit(taken && !again && resolved && mozilla && !profiles().empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

#endif

}  // namespace
