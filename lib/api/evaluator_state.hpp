// SPDX-License-Identifier: Apache-2.0
#pragma once
// What an evaluator shares between its copies: the prepared release, and the nearest-name
// index the explaining layer builds on the first unknown word.

#include "engine/prepared_release.hpp"
#include "explain/name_index.hpp"

namespace cipherexplain::detail {

struct evaluator_state {
  evaluator_state(const catalog& c, const build_options& options)
      : release(c, options), suggestions(release) {}
  // The suggestions refer to the release: the state is built in place and never moved.
  evaluator_state(const evaluator_state&) = delete;
  evaluator_state& operator=(const evaluator_state&) = delete;

  prepared_release release;
  lazy_name_suggestions suggestions;
};

}  // namespace cipherexplain::detail
