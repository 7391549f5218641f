// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// cipherexplain: OpenSSL cipher strings parsed, evaluated and explained, release by release.
///
/// @code
/// #include <cipherexplain.hpp>
/// const auto* release = cipherexplain::catalog::find("3.0");
/// cipherexplain::evaluator eval(*release);
/// auto result = eval.evaluate("ECDHE+AESGCM:!aNULL");
/// for (const auto* suite : result.ciphers) std::puts(std::string(suite->name).c_str());
/// @endcode

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/ciphersuites.hpp>
#include <cipherexplain/config_file.hpp>
#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/diagnostic_render.hpp>
#include <cipherexplain/dialect.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/json.hpp>
#include <cipherexplain/list_diff.hpp>
#include <cipherexplain/negotiation.hpp>
#include <cipherexplain/preset.hpp>
#include <cipherexplain/profile.hpp>
#include <cipherexplain/rating.hpp>
#include <cipherexplain/source_text.hpp>
#include <cipherexplain/ssl_options.hpp>
#include <cipherexplain/suite_history.hpp>
#include <cipherexplain/suite_lookup.hpp>
#include <cipherexplain/supported.hpp>
#include <cipherexplain/syntax.hpp>
#include <cipherexplain/version.hpp>
