// The evaluator: the engine's rule loop, with the explaining layer watching when findings or
// a trace are asked for.

#include <cipherexplain/evaluator.hpp>

#include "api/evaluator_state.hpp"
#include "explain/findings_collector.hpp"

namespace cipherexplain {

evaluator::evaluator(const catalog& release, const build_options& options)
    : impl_(std::make_shared<const detail::evaluator_state>(release, options)) {}

evaluation evaluator::evaluate(std::string_view cipher_string, detail_level detail) const {
  evaluation out;
  evaluate_into(out, parse(cipher_string, impl_->release.release().dialect()), detail);
  return out;
}

evaluation evaluator::evaluate(const tree& parsed, detail_level detail) const {
  evaluation out;
  evaluate_into(out, parsed, detail);
  return out;
}

namespace {

void evaluate_parsed(const detail::evaluator_state& state, const tree& parsed, evaluation& out,
                     detail_level detail) {
  const detail::prepared_release& release = state.release;
  if (detail == detail_level::result) {
    release.evaluate(parsed, out);
    return;
  }
  out.outcomes.clear();
  out.diagnostics.clear();
  out.steps.clear();
  if (!parsed.diagnostics().empty() &&
      parsed.diagnostics().front().code == diagnostic_code::input_too_long) {
    release.evaluate(parsed, out);
    out.diagnostics.push_back(parsed.diagnostics().front());
    return;
  }
  detail::findings_collector findings(release, state.suggestions, parsed, out,
                                      detail == detail_level::trace);
  release.evaluate(parsed, out, findings);
}

}  // namespace

void evaluator::evaluate_into(evaluation& out, const tree& parsed, detail_level detail) const {
  if (parsed.dialect() != impl_->release.release().dialect()) {
    evaluate_parsed(*impl_, parse(parsed.source(), impl_->release.release().dialect()), out,
                    detail);
    return;
  }
  evaluate_parsed(*impl_, parsed, out, detail);
}

const catalog& evaluator::release() const noexcept { return impl_->release.release(); }
const build_options& evaluator::options() const noexcept { return impl_->release.options(); }
std::span<const cipher* const> evaluator::preference_order() const noexcept {
  return impl_->release.order();
}

}  // namespace cipherexplain
