// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/version.hpp>

namespace cipherexplain {

// Compiled into the library, so it reports the library's version, not the caller's headers'.
std::string_view linked_library_version() noexcept { return CIPHEREXPLAIN_VERSION_STRING; }

}  // namespace cipherexplain
