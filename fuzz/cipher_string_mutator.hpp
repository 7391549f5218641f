// SPDX-License-Identifier: Apache-2.0
#pragma once
// A structure-aware mutator: it edits a cipher string rule by rule (insert, replace, delete,
// swap or duplicate a rule; change an operator, a separator, a prefix or letter case), drawing
// names from every release's vocabulary, so most inputs stay cipher strings that OpenSSL reads
// far into instead of byte noise it rejects at the first stray byte. A quarter of the time it
// leaves the bytes to libFuzzer's own mutations, which still reach every byte value.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::fuzzing {

/// libFuzzer's byte-level mutator (LLVMFuzzerMutate), or a stand-in in tests.
using byte_mutator = std::size_t (*)(std::uint8_t* data, std::size_t size, std::size_t max_size);

/// Mutates data[0, size) in place into at most max_size bytes; returns the new size.
std::size_t mutate_cipher_string(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned seed, byte_mutator bytes);

/// Splices the rules of two strings into `out` (at most max_size bytes); returns its size.
std::size_t cross_cipher_strings(std::string_view a, std::string_view b, std::uint8_t* out,
                                 std::size_t max_size, unsigned seed);

/// Every name of every release (aliases, suite names, IANA names), commands and prefixes: the
/// words the mutator draws from, and what the fuzzing dictionary lists.
[[nodiscard]] const std::vector<std::string>& cipher_string_vocabulary();

}  // namespace cipherexplain::fuzzing

#ifdef CIPHEREXPLAIN_LIBFUZZER
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);
// Defines libFuzzer's hooks, in the target that uses them, with a mutator and a cross-over of
// the shapes of mutate_cipher_string() and cross_cipher_strings().
#define CIPHEREXPLAIN_FUZZ_MUTATORS(mutate, cross)                                          \
  extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,      \
                                                 std::size_t max_size, unsigned int seed) { \
    return cipherexplain::fuzzing::mutate(data, size, max_size, seed, &LLVMFuzzerMutate);   \
  }                                                                                         \
  extern "C" std::size_t LLVMFuzzerCustomCrossOver(                                         \
      const std::uint8_t* a, std::size_t a_size, const std::uint8_t* b, std::size_t b_size, \
      std::uint8_t* out, std::size_t max_size, unsigned int seed) {                         \
    return cipherexplain::fuzzing::cross(                                                   \
        std::string_view(reinterpret_cast<const char*>(a), a_size),                         \
        std::string_view(reinterpret_cast<const char*>(b), b_size), out, max_size, seed);   \
  }
#else
#define CIPHEREXPLAIN_FUZZ_MUTATORS(mutate, cross)
#endif
#define CIPHEREXPLAIN_FUZZ_CIPHER_STRING_MUTATOR \
  CIPHEREXPLAIN_FUZZ_MUTATORS(mutate_cipher_string, cross_cipher_strings)
