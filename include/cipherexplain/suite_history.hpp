// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// What happened to one suite while a string was read (--why): the names of the actions. The
/// histories themselves (suite_history) are part of an evaluation (evaluation.hpp): the
/// evaluator records them for the suites evaluate_options::follow names, in the same run.

#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/export.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// "brought-in", "added", "removed-for-good", "removed", "moved", "matched-unchanged".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view action_name(suite_action action) noexcept;

}  // namespace cipherexplain
