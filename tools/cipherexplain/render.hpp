#pragma once
// Turning an evaluation into what a person or a program reads. Nothing here decides anything:
// the library has already said what OpenSSL does.

#include <cipherexplain.hpp>

#include <string>
#include <string_view>

namespace cipherexplain::cli {

/// The table of suites followed by the diagnostics, for a terminal.
[[nodiscard]] std::string render_text(const evaluator& release, std::string_view input,
                                      const evaluation& result);

/// The evaluation as one pretty-printed JSON document (see README, "JSON output").
[[nodiscard]] std::string render_json(const evaluator& release, std::string_view input,
                                      const evaluation& result);

/// One line of `batch` output: {"input": ..., "ok": ..., "ciphers": [...]}.
void append_batch_line(std::string& out, std::string_view input, const evaluation& result);

/// The code point as "0xC02F".
[[nodiscard]] std::string hex_id(const cipher& suite);

}  // namespace cipherexplain::cli
