// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// CIPHEREXPLAIN_API marks what the shared library exports. The library is compiled with hidden
/// visibility, so only the public API marked here is in libcipherexplain.so's dynamic symbol
/// table (tests/package/check_exports.py checks `nm -D`); the static library and consumers
/// see the same declarations either way.

#if defined(__GNUC__) || defined(__clang__)
#define CIPHEREXPLAIN_API __attribute__((visibility("default")))
#else
#define CIPHEREXPLAIN_API
#endif
