// SPDX-License-Identifier: Apache-2.0
// The version macros, the header's version and the linked library's agree with each other and
// with the project's version (CMake passes it in as the expected value).

#include <cipherexplain/version.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

TEST(Version, MacrosSpellTheVersionString) {
  const std::string joined = std::to_string(CIPHEREXPLAIN_VERSION_MAJOR) + "." +
                             std::to_string(CIPHEREXPLAIN_VERSION_MINOR) + "." +
                             std::to_string(CIPHEREXPLAIN_VERSION_PATCH);
  EXPECT_EQ(joined, CIPHEREXPLAIN_VERSION_STRING);
  EXPECT_EQ(joined, EXPECTED_PROJECT_VERSION);
  EXPECT_EQ(CIPHEREXPLAIN_VERSION, CIPHEREXPLAIN_VERSION_MAJOR * 10000 +
                                       CIPHEREXPLAIN_VERSION_MINOR * 100 +
                                       CIPHEREXPLAIN_VERSION_PATCH);
}

TEST(Version, UsableInPreprocessorConditions) {
#if CIPHEREXPLAIN_VERSION >= 100 && CIPHEREXPLAIN_VERSION_MAJOR < 100
  SUCCEED();
#else
  FAIL() << "CIPHEREXPLAIN_VERSION is not an integer the preprocessor compares";
#endif
}

TEST(Version, LinkedLibraryMatchesHeaders) {
  EXPECT_EQ(cipherexplain::linked_library_version(), cipherexplain::library_version);
  EXPECT_EQ(cipherexplain::library_version, EXPECTED_PROJECT_VERSION);
}

}  // namespace
