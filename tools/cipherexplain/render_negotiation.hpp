// SPDX-License-Identifier: Apache-2.0
#pragma once
// The negotiate command's text.

#include <cipherexplain.hpp>

#include "style.hpp"

#include <string>

namespace cipherexplain::cli {

/// Both sides, the outcome, and with `why` the reasoning.
[[nodiscard]] std::string render_negotiation_text(const prepared_endpoint& client,
                                                  const prepared_endpoint& server,
                                                  const handshake_result& result,
                                                  const negotiation_why* why, const style& colours);

}  // namespace cipherexplain::cli
