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
  const std::string text = renderer(d);
  if (!enabled_) return text;
  // Lines: "where: severity: message [code]", the input, the caret, and maybe "help: ...".
  std::string out;
  std::size_t start = 0;
  for (int line = 0; start < text.size(); ++line) {
    const std::size_t end = text.find('\n', start);
    std::string_view l(text.data() + start, end - start);
    if (line == 0) {
      const std::string label = std::string(severity_name(d.severity)) + ":";
      const std::size_t at = l.find(" " + label + " ");
      if (at != std::string_view::npos) {
        out += bold(l.substr(0, at));
        out += ' ';
        out += for_severity(d.severity, label);
        out += l.substr(at + label.size() + 1);
      } else {
        out += l;
      }
    } else if (line == 2) {
      out += paint("1;32", l);
    } else if (l.starts_with("help:")) {
      out += paint("1;36", "help:");
      out += l.substr(5);
    } else {
      out += l;
    }
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace cipherexplain::cli
