// SPDX-License-Identifier: Apache-2.0
#pragma once
// A resolved configuration as the Configuration object holds it; shared with the preset
// binding, whose results hold one too.

#include "bindings.hpp"

#include <cipherexplain/configuration.hpp>

#include <memory>

namespace cipherexplain::python {

struct configuration_view {
  tls_configuration config;
  std::shared_ptr<const configuration_resolver> resolver;
  configuration_result result;
  bool traced = false;
};

// Resolves `config` (check_configuration first: configuration_error), the GIL released.
[[nodiscard]] std::shared_ptr<const configuration_view> resolve_view(const catalog& release,
                                                                     const build_options& options,
                                                                     tls_configuration config,
                                                                     bool trace);
// The cipher string's part of a resolution as an Evaluation object.
[[nodiscard]] py::object cipher_list_evaluation(const configuration_view& c,
                                                const std::string& input);
// A resolution's listed suites, each with its verdict in the configuration.
[[nodiscard]] py::list used_suites(const configuration_result& r);
// (lowest, highest) version a connection can use, or None.
[[nodiscard]] std::optional<std::pair<std::string_view, std::string_view>> usable_window(
    const configuration_result& r);
// The settings as a dict (cipher_list, ciphersuites, security_level, min/max_protocol).
[[nodiscard]] py::dict configuration_settings(const tls_configuration& c);

}  // namespace cipherexplain::python
