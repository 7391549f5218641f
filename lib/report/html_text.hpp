// SPDX-License-Identifier: Apache-2.0
#pragma once
// Text for HTML element content and attribute values, shared by the HTML pages.

#include <string>
#include <string_view>

namespace cipherexplain::detail {

[[nodiscard]] inline std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace cipherexplain::detail
