// SPDX-License-Identifier: Apache-2.0
// Round trip: tree -> canonical string -> the same tree, and the same result on every release.
// The canonical string is also a fixed point: writing its own tree back changes nothing.

#include "cipher_string_mutator.hpp"
#include "fuzz_checks.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const evaluator& eval : release_evaluators()) {
    const dialect& d = eval.release().dialect();
    const tree original = parse(input, d);
    const std::string canonical = canonical_text(original);
    const tree reread = parse(canonical, d);
    const auto where = [&] {
      return fmt::format("{} (canonical {})", eval.release().release(), quoted_input(canonical));
    };
    if (const std::string diff = tree_difference(original, reread); !diff.empty())
      fail(fmt::format("{}: the canonical string reads differently: {}", where(), diff), input);
    if (canonical_text(reread) != canonical)
      fail(fmt::format("{}: canonical form is not a fixed point: {}", where(),
                       quoted_input(canonical_text(reread))),
           input);
    const evaluation a = eval.evaluate(original, detail_level::result);
    const evaluation b = eval.evaluate(reread, detail_level::result);
    if (const std::string diff = result_difference(a, b); !diff.empty())
      fail(fmt::format("{}: the canonical string resolves differently: {}", where(), diff), input);
  }
  return 0;
}

CIPHEREXPLAIN_FUZZ_CIPHER_STRING_MUTATOR
