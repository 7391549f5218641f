// SPDX-License-Identifier: Apache-2.0
// The evaluator: the engine's rule loop, with the explaining layer watching when findings or
// a trace are asked for.

#include <cipherexplain/evaluator.hpp>

#include <algorithm>

#include "api/evaluator_state.hpp"
#include "explain/findings_collector.hpp"
#include "explain/history_recorder.hpp"

namespace cipherexplain {

evaluator::evaluator(const catalog& release, const build_options& options)
    : impl_(std::make_shared<const detail::evaluator_state>(release, options)) {}

evaluation evaluator::evaluate(std::string_view cipher_string, detail_level detail) const {
  evaluate_options options;
  options.detail = detail;
  return evaluate(cipher_string, options);
}

evaluation evaluator::evaluate(const tree& parsed, detail_level detail) const {
  evaluate_options options;
  options.detail = detail;
  return evaluate(parsed, options);
}

evaluation evaluator::evaluate(std::string_view cipher_string,
                               const evaluate_options& options) const {
  evaluation out;
  evaluate_into(out, parse(cipher_string, impl_->release.release().dialect()), options);
  return out;
}

evaluation evaluator::evaluate(const tree& parsed, const evaluate_options& options) const {
  evaluation out;
  evaluate_into(out, parsed, options);
  return out;
}

namespace {

void evaluate_parsed(const detail::evaluator_state& state, const tree& parsed, evaluation& out,
                     const evaluate_options& options) {
  const detail::prepared_release& release = state.release;
  const int level = options.security_level ? std::clamp(*options.security_level, 0, 5) : -1;
  if (options.detail == detail_level::result) {
    release.evaluate(parsed, out, level);
    return;
  }
  out.outcomes.clear();
  out.diagnostics.clear();
  out.diagnostics_omitted.clear();
  out.steps.clear();
  out.steps_omitted = 0;
  out.histories.clear();
  if (!parsed.diagnostics().empty() &&
      parsed.diagnostics().front().code == diagnostic_code::input_too_long) {
    release.evaluate(parsed, out, level);
    out.diagnostics.push_back(parsed.diagnostics().front());
    out.histories = detail::history_recorder(release, options.follow, 0).finish(out);
    return;
  }
  detail::findings_collector findings(release, state.suggestions, parsed, out, options);
  release.evaluate(parsed, out, findings, level);
}

}  // namespace

void evaluator::evaluate_into(evaluation& out, const tree& parsed, detail_level detail) const {
  // The fast path, without building options: batch and the benchmarks live here.
  if (detail == detail_level::result && parsed.dialect() == impl_->release.release().dialect()) {
    impl_->release.evaluate(parsed, out);
    return;
  }
  evaluate_options options;
  options.detail = detail;
  evaluate_into(out, parsed, options);
}

void evaluator::evaluate_into(evaluation& out, const tree& parsed,
                              const evaluate_options& options) const {
  if (parsed.dialect() != impl_->release.release().dialect()) {
    evaluate_parsed(*impl_, parse(parsed.source(), impl_->release.release().dialect()), out,
                    options);
    return;
  }
  evaluate_parsed(*impl_, parsed, out, options);
}

const catalog& evaluator::release() const noexcept { return impl_->release.release(); }
const build_options& evaluator::options() const noexcept { return impl_->release.options(); }
std::span<const cipher* const> evaluator::preference_order() const noexcept {
  return impl_->release.order();
}

}  // namespace cipherexplain
