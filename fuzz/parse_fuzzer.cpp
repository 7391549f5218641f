// Parser robustness: any bytes give a tree or diagnostics in every dialect, never a crash,
// undefined behaviour or leak, with every byte accounted for in the tree. The explaining layer
// reads the same untrusted bytes, so the tree is also evaluated: on every release by the fast
// path, and on one release (picked by the first byte, so the fuzzer can steer it) with
// findings and the trace, which must agree with the fast path, and every finding is rendered.

#include "fuzz_checks.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const dialect& d : release_dialects()) {
    const tree parsed = parse(input, d);
    if (const std::string problem = tree_problem(parsed); !problem.empty()) fail(problem, input);
    for (const diagnostic& x : parsed.diagnostics()) {
      if (render(x, input).empty()) fail("a diagnostic rendered as nothing", input);
    }
  }

  const auto releases = release_evaluators();
  for (const evaluator& eval : releases) {
    const evaluation result = eval.evaluate(input, detail_level::result);
    if (result.ok != (result.failure == failure_reason::none))
      fail(fmt::format("{}: ok disagrees with the failure reason", eval.release().release()),
           input);
  }

  const evaluator& chosen = releases[input.empty() ? 0 : data[0] % releases.size()];
  const std::string_view name = chosen.release().release();
  const tree parsed = parse(input, chosen.release().dialect());
  const evaluation fast = chosen.evaluate(parsed, detail_level::result);
  const evaluation trace = chosen.evaluate(parsed, detail_level::trace);
  if (const std::string d = result_difference(fast, trace); !d.empty())
    fail(fmt::format("{}: the fast path and the trace differ: {}", name, d), input);
  if (trace.outcomes.size() != parsed.rules().size())
    fail(fmt::format("{}: not one outcome per rule", name), input);
  for (std::size_t i = 0; i < trace.steps.size(); ++i) {
    const step& st = trace.steps[i];
    if (st.what != step::kind::rule) continue;
    const bool in_order = i == 0 || trace.steps[i - 1].what != step::kind::rule ||
                          trace.steps[i - 1].rule_index < st.rule_index;
    if (st.rule_index >= parsed.rules().size() || !in_order)
      fail(fmt::format("{}: steps out of rule order", name), input);
  }
  const diagnostic_renderer renderer(input);
  for (const diagnostic& x : trace.diagnostics) {
    if (x.offset + x.length > input.size() || x.message.empty())
      fail(fmt::format("{}: a finding outside the input or without a message", name), input);
    const std::string text = renderer(x);
    if (text.empty()) fail("a finding rendered as nothing", input);
    if (&x == &trace.diagnostics.front() && text != render(x, input))
      fail("diagnostic_renderer and render() differ", input);
  }
  return 0;
}
