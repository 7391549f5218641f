// SPDX-License-Identifier: Apache-2.0
#pragma once
// The "configuration" object of an explain document, and the findings list every document
// shares.

#include <cipherexplain/configuration.hpp>

#include "report/json_writer.hpp"

#include <span>

namespace cipherexplain::detail {

/// Findings as the documents list them: [{"code", "severity", "offset", "length", "message",
/// "suggestion"}, ...].
void write_diagnostic_list(json_writer& w, std::span<const diagnostic> findings);

/// "configuration": {...}, what each setting did (see docs/json-output.md).
void write_configuration(json_writer& w, const tls_configuration& config,
                         const configuration_result& r);

}  // namespace cipherexplain::detail
