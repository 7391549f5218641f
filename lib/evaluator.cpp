#include <cipherexplain/evaluator.hpp>

#include "prepared_release.hpp"

namespace cipherexplain {

evaluator::evaluator(const catalog& release, const build_options& options)
    : impl_(std::make_shared<const detail::prepared_release>(release, options)) {}

evaluation evaluator::evaluate(std::string_view cipher_string, detail_level detail) const {
  evaluation out;
  evaluate_into(out, parse(cipher_string, impl_->release().dialect()), detail);
  return out;
}

evaluation evaluator::evaluate(const tree& parsed, detail_level detail) const {
  evaluation out;
  evaluate_into(out, parsed, detail);
  return out;
}

void evaluator::evaluate_into(evaluation& out, const tree& parsed, detail_level detail) const {
  if (parsed.dialect() != impl_->release().dialect()) {
    impl_->evaluate(parse(parsed.source(), impl_->release().dialect()), out, detail);
    return;
  }
  impl_->evaluate(parsed, out, detail);
}

const catalog& evaluator::release() const noexcept { return impl_->release(); }
const build_options& evaluator::options() const noexcept { return impl_->options(); }
std::span<const cipher* const> evaluator::preference_order() const noexcept {
  return impl_->order();
}

}  // namespace cipherexplain
