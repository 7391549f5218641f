// SPDX-License-Identifier: Apache-2.0
#pragma once
// Colour for a terminal: on when stdout is one (and NO_COLOR is unset), or when asked.

#include <cipherexplain.hpp>

#include <string>
#include <string_view>

namespace cipherexplain::cli {

class style {
 public:
  /// mode: "auto", "always" or "never".
  static style from_mode(std::string_view mode);
  static style plain() { return style(false); }

  [[nodiscard]] bool enabled() const noexcept { return enabled_; }
  [[nodiscard]] std::string bold(std::string_view text) const { return paint("1", text); }
  [[nodiscard]] std::string dim(std::string_view text) const { return paint("2", text); }
  [[nodiscard]] std::string for_rating(rating r, std::string_view text) const;
  [[nodiscard]] std::string for_severity(severity s, std::string_view text) const;
  /// A diagnostic as the library renders it, with its severity, caret and help line coloured.
  [[nodiscard]] std::string diagnostic(const cipherexplain::diagnostic& d,
                                       const diagnostic_renderer& renderer) const;

 private:
  explicit style(bool enabled) : enabled_(enabled) {}
  [[nodiscard]] std::string paint(std::string_view code, std::string_view text) const;
  bool enabled_;
};

}  // namespace cipherexplain::cli
