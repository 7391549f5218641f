#pragma once
// The "configuration" object of an explain document.

#include <cipherexplain/configuration.hpp>

#include "report/json_writer.hpp"

namespace cipherexplain::detail {

/// "configuration": {...}, what each setting did (see docs/json-output.md).
void write_configuration(json_writer& w, const tls_configuration& config,
                         const configuration_result& r);

}  // namespace cipherexplain::detail
