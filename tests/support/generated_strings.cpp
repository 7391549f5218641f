// SPDX-License-Identifier: Apache-2.0
#include "generated_strings.hpp"

#include <random>

namespace cipherexplain::testing {
namespace {

// Strings built from the whole vocabulary: every alias and suite name of the catalog (usable
// or not), TLS 1.3 and misspelt names, all operators and separators, '+' chains, commands,
// DEFAULT prefixes and stray bytes.
std::string generated_string(std::mt19937& rng, const catalog& c) {
  std::vector<std::string> words;
  for (const alias& a : c.aliases()) words.emplace_back(a.name);
  for (const cipher& s : c.ciphers()) {
    words.emplace_back(s.name);
    if (!s.stdname.empty()) words.emplace_back(s.stdname);
  }
  for (const char* w :
       {"DEFAULT", "FOO", "high", "All", "AES-", "-AES", "TLSv1.1", "SSLv2", "EXP", "DES", "AEAD",
        "SUITEB128", "kECDHe", "aDH", "HIGH_", "3DES", "RC4", "SEED"}) {
    words.emplace_back(w);
  }
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  static const std::vector<std::string> ops{"", "", "", "!", "-", "+", "@"};
  static const std::vector<std::string> seps{":", ":", ":", ",", ";", " ", "::", ""};
  static const std::vector<std::string> commands{
      "STRENGTH",  "SECLEVEL=0", "SECLEVEL=3", "SECLEVEL=5", "SECLEVEL=6",
      "SECLEVEL=", "FOO",        "strength",   "seclevel=1"};
  static const std::vector<std::string> junk{"$",        "\t", "\r", "_", "=", "!", "+", "@",
                                             "\xc3\xa9", "*",  "",   "",  "",  "",  "",  ""};
  std::string out = pick(6) == 0 ? "DEFAULT" : "";
  if (!out.empty() && pick(2) == 0) out += seps[pick(seps.size())];
  const std::size_t rules = 1 + pick(6);
  for (std::size_t r = 0; r < rules; ++r) {
    if (r > 0) out += seps[pick(seps.size())];
    const std::string& op = ops[pick(ops.size())];
    out += op;
    if (op == "@") {
      out += commands[pick(commands.size())];
    } else {
      const std::size_t chain = 1 + (pick(4) == 0 ? pick(3) : 0);
      for (std::size_t k = 0; k < chain; ++k) {
        if (k > 0) out += "+";
        std::string word = words[pick(words.size())];
        // Case matters before 4.0 and does not from 4.0 on.
        if (pick(8) == 0) {
          for (char& ch : word) {
            if (pick(2) == 0 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) ch ^= 0x20;
          }
        }
        out += word;
      }
    }
    out += junk[pick(junk.size())];
  }
  return out;
}

}  // namespace

std::vector<std::string> generated_strings(const catalog& c, std::size_t count) {
  std::mt19937 rng(20261126);
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(generated_string(rng, c));
  return out;
}

}  // namespace cipherexplain::testing
