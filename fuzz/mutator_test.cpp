// SPDX-License-Identifier: Apache-2.0
// The structure-aware mutators keep most inputs cipher strings (or ciphersuites strings)
// OpenSSL reads far into, stay within the size libFuzzer allows, and repeat themselves for a
// seed; configuration_fuzzer's inputs split and join back unchanged.

#include "cipher_string_mutator.hpp"
#include "configuration_mutator.hpp"

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

// Stands in for libFuzzer's byte mutator: flips one byte.
std::size_t flip_a_byte(std::uint8_t* data, std::size_t size, std::size_t) {
  if (size != 0) data[size / 2] ^= 0x5a;
  return size;
}

// `input` through one of the mutators (mutate_cipher_string() and the like), in a buffer of
// `max_size` as libFuzzer gives it.
template <typename Mutator>
std::string mutated_by(Mutator mutate, std::string input, std::size_t max_size, unsigned seed) {
  const std::size_t size = std::min(input.size(), max_size);
  input.resize(std::max(max_size, input.size()));
  const std::size_t n =
      mutate(reinterpret_cast<std::uint8_t*>(input.data()), size, max_size, seed, &flip_a_byte);
  EXPECT_LE(n, max_size);
  input.resize(n);
  return input;
}

std::string mutated(std::string input, std::size_t max_size, unsigned seed) {
  return mutated_by(&mutate_cipher_string, std::move(input), max_size, seed);
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

std::string mutated_suites(std::string input, std::size_t max_size, unsigned seed) {
  return mutated_by(&mutate_ciphersuites, std::move(input), max_size, seed);
}

std::string mutated_configuration(std::string input, std::size_t max_size, unsigned seed) {
  return mutated_by(&mutate_configuration, std::move(input), max_size, seed);
}

TEST(ciphersuites_mutator, keeps_far_more_strings_acceptable_than_byte_mutations) {
  constexpr int rounds = 5000;
  const catalog& release = *catalog::find("3.0");
  const auto walk = [&](auto mutate) {
    std::string s = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384";
    int accepted = 0;
    for (int i = 0; i < rounds; ++i) {
      s = mutate(s, static_cast<unsigned>(i));
      if (s.size() > 200) s = "TLS_CHACHA20_POLY1305_SHA256";
      accepted += set_ciphersuites(release, s, {}, 0).ok ? 1 : 0;
    }
    return accepted;
  };
  const int structured =
      walk([](const std::string& s, unsigned seed) { return mutated_suites(s, 512, seed); });
  const int bytewise = walk([](std::string s, unsigned seed) {
    const unsigned mixed = seed * 2654435761u;
    if (!s.empty()) s[mixed % s.size()] = static_cast<char>(mixed >> 24);
    return s;
  });
  std::printf(
      "ciphersuites accepted along a walk of %d mutations: structure-aware %d, "
      "byte-level %d\n",
      rounds, structured, bytewise);
  EXPECT_GT(structured, rounds * 3 / 10) << structured << " of " << rounds;
  EXPECT_GT(structured, 3 * bytewise) << structured << " against " << bytewise;
}

TEST(ciphersuites_mutator, stays_within_max_size_and_repeats_itself) {
  for (unsigned seed = 0; seed < 2000; ++seed) {
    std::vector<std::uint8_t> buffer(16, 'A');
    EXPECT_LE(mutate_ciphersuites(buffer.data(), 8, 16, seed, &flip_a_byte), 16u);
    (void)mutated_suites("", 64, seed);
  }
  for (unsigned seed = 0; seed < 200; ++seed) {
    EXPECT_EQ(mutated_suites("TLS_AES_128_GCM_SHA256", 256, seed),
              mutated_suites("TLS_AES_128_GCM_SHA256", 256, seed));
  }
}

TEST(ciphersuites_mutator, vocabulary_holds_every_tls13_name_of_every_release) {
  const auto& tls13 = ciphersuites_vocabulary().tls13;
  for (const catalog* c : catalog::all()) {
    for (const cipher& s : c->ciphers()) {
      if (s.table != cipher_table::tls13) continue;
      EXPECT_TRUE(std::binary_search(tls13.begin(), tls13.end(), std::string(s.stdname)))
          << s.stdname << " of " << c->release();
    }
  }
  EXPECT_FALSE(ciphersuites_vocabulary().iana.empty());
  EXPECT_FALSE(ciphersuites_vocabulary().openssl.empty());
}

TEST(configuration_input, splits_and_joins_back) {
  const std::string bytes = std::string("\x0b\x04\x2a", 3) + "HIGH:!aNULL" + '\0' +
                            "TLS_AES_128_GCM_SHA256" + '\0' + "after";
  const configuration_input in = decode_configuration(bytes);
  EXPECT_EQ(in.cipher_list, "HIGH:!aNULL");
  ASSERT_TRUE(in.ciphersuites.has_value());
  EXPECT_EQ(*in.ciphersuites, std::string("TLS_AES_128_GCM_SHA256") + '\0' + "after");
  EXPECT_EQ(encode_configuration(in), bytes);

  const tls_configuration config = to_configuration(in);
  EXPECT_EQ(config.security_level, 2);  // 3: level 2
  EXPECT_TRUE(config.ciphersuites_first);
  EXPECT_EQ(config.cipher_list, "HIGH:!aNULL");
  EXPECT_EQ(config.ciphersuites, in.ciphersuites);
  EXPECT_EQ(config.disabled_protocols, protocol_bit::tlsv1_1);
  EXPECT_EQ(config.min_protocol, version::tlsv1);    // 2
  EXPECT_EQ(config.max_protocol, version::tlsv1_3);  // 5

  // Short input: the missing control bytes are 0, nothing but the cipher string is set.
  const tls_configuration plain = to_configuration(decode_configuration(std::string(2, '\0')));
  EXPECT_EQ(plain.cipher_list, "");
  EXPECT_FALSE(plain.ciphersuites || plain.security_level || plain.ciphersuites_first);
  EXPECT_EQ(plain.min_protocol, 0);
  const configuration_calls calls =
      read_calls(decode_configuration(std::string("\x30\x00\x36", 3)));
  EXPECT_FALSE(calls.set_cipher_list || calls.set_ciphersuites);
  EXPECT_EQ(calls.min_protocol, std::optional<std::uint16_t>(0));  // 6: called with 0
  EXPECT_EQ(calls.max_protocol, std::optional<std::uint16_t>(0));
}

TEST(configuration_mutator, stays_within_max_size_and_keeps_the_parts_apart) {
  const std::string seed_input =
      std::string("\x00\x00\x00", 3) + "ECDHE+AESGCM" + '\0' + "TLS_AES_128_GCM_SHA256";
  std::size_t with_suites = 0;
  for (unsigned seed = 0; seed < 2000; ++seed) {
    for (const std::size_t max :
         {std::size_t{1}, std::size_t{4}, std::size_t{24}, std::size_t{512}})
      (void)mutated_configuration(seed_input, max, seed);
    (void)mutated_configuration("", 64, seed);
    const std::string out = mutated_configuration(seed_input, 512, seed);
    with_suites += decode_configuration(out).ciphersuites ? 1u : 0u;
    EXPECT_EQ(mutated_configuration(seed_input, 512, seed), out);
    std::vector<std::uint8_t> buffer(40);
    EXPECT_LE(cross_configurations(seed_input, out, buffer.data(), buffer.size(), seed),
              buffer.size());
  }
  // Most mutations keep a ciphersuites string.
  EXPECT_GT(with_suites, 1500u);
}

}  // namespace
