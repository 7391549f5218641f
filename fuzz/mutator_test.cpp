// The structure-aware mutator keeps most inputs cipher strings OpenSSL reads far into, stays
// within the size libFuzzer allows, and repeats itself for a seed.

#include "cipher_string_mutator.hpp"

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

// Stands in for libFuzzer's byte mutator: flips one byte.
std::size_t flip_a_byte(std::uint8_t* data, std::size_t size, std::size_t) {
  if (size != 0) data[size / 2] ^= 0x5a;
  return size;
}

std::string mutated(std::string input, std::size_t max_size, unsigned seed) {
  const std::size_t size = std::min(input.size(), max_size);
  input.resize(std::max(max_size, input.size()));
  const std::size_t n = mutate_cipher_string(reinterpret_cast<std::uint8_t*>(input.data()), size,
                                             max_size, seed, &flip_a_byte);
  EXPECT_LE(n, max_size);
  input.resize(n);
  return input;
}

// A walk of `rounds` mutations from one string; returns how many results OpenSSL 3.0 accepts.
template <typename Mutate>
int accepted_along_a_walk(Mutate mutate, int rounds) {
  const evaluator eval(*catalog::find("3.0"));
  std::string s = "ECDHE+AESGCM:!aNULL";
  int accepted = 0;
  for (int i = 0; i < rounds; ++i) {
    s = mutate(s, static_cast<unsigned>(i));
    if (s.size() > 200) s = "DEFAULT";  // keep the walk among short strings
    accepted += eval.evaluate(s, detail_level::result).ok ? 1 : 0;
  }
  return accepted;
}

TEST(mutator, keeps_far_more_strings_acceptable_than_byte_mutations) {
  constexpr int rounds = 5000;
  const int structured = accepted_along_a_walk(
      [](const std::string& s, unsigned seed) { return mutated(s, 512, seed); }, rounds);
  // The same walk with a random byte set at a random place, as a byte-level mutator would.
  const int bytewise = accepted_along_a_walk(
      [](std::string s, unsigned seed) {
        const unsigned mixed = seed * 2654435761u;
        if (!s.empty()) s[mixed % s.size()] = static_cast<char>(mixed >> 24);
        return s;
      },
      rounds);
  std::printf("accepted along a walk of %d mutations: structure-aware %d, byte-level %d\n", rounds,
              structured, bytewise);
  EXPECT_GT(structured, rounds * 3 / 10) << "structured walk: " << structured << " of " << rounds;
  EXPECT_GT(structured, 3 * bytewise) << structured << " against " << bytewise << " of " << rounds;
}

TEST(mutator, never_writes_more_than_max_size) {
  for (unsigned seed = 0; seed < 2000; ++seed) {
    std::vector<std::uint8_t> buffer(16, 'A');
    const std::size_t n = mutate_cipher_string(buffer.data(), 8, 16, seed, &flip_a_byte);
    EXPECT_LE(n, 16u);
  }
  std::vector<std::uint8_t> out(10);
  for (unsigned seed = 0; seed < 2000; ++seed) {
    EXPECT_LE(cross_cipher_strings("ALL:!aNULL:@STRENGTH", "HIGH:-SHA1:+RSA", out.data(),
                                   out.size(), seed),
              out.size());
  }
}

TEST(mutator, is_repeatable_for_a_seed) {
  for (unsigned seed = 0; seed < 200; ++seed) {
    EXPECT_EQ(mutated("HIGH:!aNULL:!MD5", 256, seed), mutated("HIGH:!aNULL:!MD5", 256, seed));
  }
}

TEST(mutator, handles_empty_input) {
  for (unsigned seed = 0; seed < 200; ++seed) (void)mutated("", 64, seed);
  std::vector<std::uint8_t> out(64);
  EXPECT_LE(cross_cipher_strings("", "", out.data(), out.size(), 1), out.size());
}

TEST(mutator, vocabulary_holds_every_name_of_every_release) {
  const auto& words = cipher_string_vocabulary();
  for (const catalog* c : catalog::all()) {
    for (const alias& a : c->aliases()) {
      EXPECT_TRUE(std::binary_search(words.begin(), words.end(), std::string(a.name)))
          << a.name << " of " << c->release();
    }
    for (const cipher& s : c->ciphers()) {
      EXPECT_TRUE(std::binary_search(words.begin(), words.end(), std::string(s.name)))
          << s.name << " of " << c->release();
    }
  }
}

}  // namespace
