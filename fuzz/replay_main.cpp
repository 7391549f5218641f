// SPDX-License-Identifier: Apache-2.0
// A main for builds without libFuzzer (GCC): runs a fuzz target once on each input, so the
// seeds and every saved regression replay as ordinary tests.
//
//   <target> [--lines] PATH...
// A directory runs each file in it (sorted, so runs repeat); a file is one input, or with
// --lines before it one input per line (only '\n' ends a line, as in corpus/corpus.txt).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::size_t runs = 0;

void run_one(const std::string& input) {
  // A copy of exactly the input's size, so ASan sees any read past its end.
  std::vector<std::uint8_t> bytes(input.begin(), input.end());
  LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
  ++runs;
}

bool read_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool replay(const std::filesystem::path& path, bool lines) {
  if (std::filesystem::is_directory(path)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (!replay(file, lines)) return false;
    }
    return true;
  }
  std::string content;
  if (!read_file(path, content)) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  if (!lines) {
    run_one(content);
    return true;
  }
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    run_one(content.substr(start, end - start));
    start = end + 1;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  bool lines = false;
  int paths = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--lines") == 0) {
      lines = true;
      continue;
    }
    ++paths;
    if (!replay(argv[i], lines)) return 2;
    lines = false;
  }
  if (paths == 0) {
    std::fprintf(stderr, "usage: %s [--lines] PATH...\n", argv[0]);
    return 2;
  }
  std::printf("%zu inputs replayed without a finding\n", runs);
  return 0;
}
