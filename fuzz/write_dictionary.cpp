// SPDX-License-Identifier: Apache-2.0
// Writes the fuzzing dictionary (libFuzzer / AFL format) from the catalogs: every name of every
// release, the operators, separators, commands and prefixes.
//
//   cipherexplain-fuzz-dictionary            print it
//   cipherexplain-fuzz-dictionary --check F  exit 1 (with the command to refresh it) unless F
//                                            is exactly what would be printed

#include "cipher_string_mutator.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string quoted(std::string_view word) {
  std::string out = "\"";
  for (const char c : word) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string dictionary() {
  std::string out =
      "# Cipher-string words for libFuzzer (-dict=) and AFL, written by\n"
      "# cipherexplain-fuzz-dictionary from the catalogs; do not edit by hand.\n"
      "# Syntax: operators, separators, commands, prefixes.\n";
  for (const char* token :
       {"!", "-", "+", "@", ":", ",", ";", " ", "@STRENGTH", "@SECLEVEL=", "@SECLEVEL=0",
        "@SECLEVEL=5", "DEFAULT:", "SUITEB128ONLY", "SUITEB128C2", "SUITEB128", "SUITEB192"}) {
    out += quoted(token) + "\n";
  }
  out += "# Every alias, suite name and IANA name of every release.\n";
  for (const std::string& word : cipherexplain::fuzzing::cipher_string_vocabulary())
    out += quoted(word) + "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string text = dictionary();
  if (argc == 3 && std::strcmp(argv[1], "--check") == 0) {
    std::ifstream in(argv[2], std::ios::binary);
    const std::string committed((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
    if (committed == text) return 0;
    std::fprintf(stderr,
                 "%s is not the dictionary the catalogs give; refresh it with\n"
                 "  build/fuzz/cipherexplain-fuzz-dictionary > corpus/fuzz/cipher-strings.dict\n",
                 argv[2]);
    return 1;
  }
  if (argc != 1) {
    std::fprintf(stderr, "usage: %s [--check FILE]\n", argv[0]);
    return 2;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
