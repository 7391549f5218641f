// SPDX-License-Identifier: Apache-2.0
// Parser robustness: any bytes give a tree or diagnostics in every dialect, never a crash,
// undefined behaviour or leak, with every byte accounted for in the tree. The explaining layer
// reads the same untrusted bytes, so the tree is also evaluated: on every release by the fast
// path, and on one release (picked by the first byte, so the fuzzer can steer it) with
// findings and the trace, which must agree with the fast path, and every finding is rendered.
// The same bytes are also a TLS 1.3 ciphersuites string: every release reads them with
// set_ciphersuites(), recording elements and not, under the invariants of
// ciphersuites_problem(); one release with TLS 1.3 (picked by the first byte) resolves a
// configuration that sets them, by the fast path and with findings, which must agree, and
// renders the findings about the string.

#include "fuzz_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

namespace {

// Every release reads the bytes as a ciphersuites string, recording elements and not.
void check_set_ciphersuites(std::string_view input) {
  for (const catalog* release : catalog::all()) {
    const std::string_view name = release->release();
    const ciphersuites_result all = set_ciphersuites(*release, input, {}, 1000);
    const ciphersuites_result none = set_ciphersuites(*release, input, {}, 0);
    if (const std::string p = ciphersuites_problem(*release, input, all, 1000); !p.empty())
      fail(fmt::format("{}: set_ciphersuites: {}", name, p), input);
    if (const std::string p = ciphersuites_problem(*release, input, none, 0); !p.empty())
      fail(fmt::format("{}: set_ciphersuites without elements: {}", name, p), input);
    if (const std::string d = ciphersuites_difference(all, none); !d.empty())
      fail(fmt::format("{}: set_ciphersuites with and without elements differ: {}", name, d),
           input);
  }
}

// One release with TLS 1.3, picked by `choice`, resolves a configuration that sets them as
// its ciphersuites, by the fast path and with findings.
void check_configuration(std::string_view input, std::size_t choice) {
  static const std::vector<const configuration_resolver*> candidates = [] {
    std::vector<const configuration_resolver*> out;
    for (const configuration_resolver& r : release_resolvers()) {
      if (r.release().ciphersuites_setter() != ciphersuites_setter::none) out.push_back(&r);
    }
    return out;
  }();
  const configuration_resolver& resolver = *candidates[choice % candidates.size()];
  const catalog& release = resolver.release();
  const std::string_view name = release.release();
  const ciphersuites_result all = set_ciphersuites(release, input, {}, 1000);
  tls_configuration config;
  config.ciphersuites = std::string(input);
  const configuration_result fast = resolver.resolve(config, detail_level::result);
  const configuration_result full = resolver.resolve(config, detail_level::findings);
  for (const configuration_result* r : {&fast, &full}) {
    if (const std::string p = configuration_problem(release, config, *r); !p.empty())
      fail(fmt::format("{}: the configuration: {}", name, p), input);
  }
  if (const std::string d = ciphersuites_difference(*fast.ciphersuites, all); !d.empty())
    fail(fmt::format("{}: the configuration's ciphersuites differ: {}", name, d), input);
  if (const std::string d = configuration_difference(fast, full); !d.empty())
    fail(fmt::format("{}: the configuration's fast path and findings differ: {}", name, d), input);
  const auto same_element = [](const ciphersuite_element& a, const ciphersuite_element& b) {
    return a.text == b.text && a.status == b.status && a.suite == b.suite;
  };
  const std::vector<ciphersuite_element>& elements = full.ciphersuites->elements;
  if (!std::equal(elements.begin(), elements.end(), all.elements.begin(), all.elements.end(),
                  same_element))
    fail(fmt::format("{}: the configuration's ciphersuite elements differ", name), input);
  // The renderer is the cipher strings' (rendered above): a few findings show it handles these.
  const diagnostic_renderer renderer(input);
  std::size_t rendered = 0;
  for (const diagnostic& x : full.diagnostics) {
    if (!about_ciphersuites(x) || (++rendered > 4 && &x != &full.diagnostics.back())) continue;
    if (renderer(x).empty()) fail("a ciphersuites finding rendered as nothing", input);
  }
}

}  // namespace

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
  check_set_ciphersuites(input);
  check_configuration(input, input.empty() ? 0 : data[0]);
  return 0;
}
