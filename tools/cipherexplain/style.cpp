// SPDX-License-Identifier: Apache-2.0
#include "style.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cipherexplain::cli {

style style::from_mode(std::string_view mode) {
  if (mode == "always") return style(true);
  if (mode == "never") return style(false);
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return style(false);
  // A terminal that says it cannot do escapes.
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return style(false);
  return style(isatty(fileno(stdout)) != 0);
}

std::string style::paint(std::string_view code, std::string_view text) const {
  if (!enabled_) return std::string(text);
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

std::string style::for_rating(rating r, std::string_view text) const {
  switch (r) {
    case rating::insecure:
      return paint("1;31", text);
    case rating::weak:
      return paint("33", text);
    case rating::secure:
      return std::string(text);
    case rating::recommended:
      return paint("32", text);
  }
  return std::string(text);
}

std::string style::for_severity(severity s, std::string_view text) const {
  switch (s) {
    case severity::error:
      return paint("1;31", text);
    case severity::warning:
      return paint("1;35", text);
    case severity::note:
      return paint("1;36", text);
  }
  return std::string(text);
}

std::string style::diagnostic(const cipherexplain::diagnostic& d,
                              const diagnostic_renderer& renderer) const {
  rendered_diagnostic parts = renderer.parts(d);
  if (!enabled_) return parts.text();
  std::string out = bold(parts.location + ":");
  out += ' ';
  out += for_severity(parts.level, std::string(severity_name(parts.level)) + ":");
  out += ' ';
  out += parts.message;
  out += " [";
  out += parts.code;
  out += "]\n";
  out += parts.source_line;
  out += '\n';
  out += paint("1;32", parts.marker_line);
  out += '\n';
  if (!parts.help.empty()) {
    out += paint("1;36", "help:");
    out += ' ';
    out += parts.help;
    out += '\n';
  }
  return out;
}

}  // namespace cipherexplain::cli
