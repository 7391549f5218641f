// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Findings rendered the way compilers print them: position, severity, message, the input line
/// with a caret under the place, and the fix.

#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/source_text.hpp>

#include <string>
#include <string_view>

namespace cipherexplain {

/// One rendered finding, in parts, so that a front end can style each part (colour the
/// severity, the caret) without reading rendered text back.
struct CIPHEREXPLAIN_API rendered_diagnostic {
  std::string location;     ///< "input:1:5": the source name and line:column
  enum severity level {};   ///< of the finding
  std::string message;      ///< the finding's message
  std::string_view code;    ///< the code's name, e.g. "missing-name"
  std::string source_line;  ///< the input line around the place (as printable() shows it,
                            ///< "..." where it is cut)
  std::string marker_line;  ///< spaces, then '^' under the first byte and '~' under the rest
  std::string help;         ///< the suggestion; empty when there is none

  /// The parts joined as render() prints them, ending in a newline.
  [[nodiscard]] std::string text() const;
};

/// Input as it may be echoed to a terminal: UTF-8 text as it is, but C0 controls, DEL, C1
/// controls (U+0080-U+009F) and bytes that are not UTF-8 as \xHH, one per byte, so that no
/// input can move the cursor, retitle the window or start an escape sequence. Every echo of
/// input in text output is made with it (the caret line included).
[[nodiscard]] CIPHEREXPLAIN_API std::string printable(std::string_view text);

/// Renders a finding the way compilers do, with the fix (if any) on a last "help:" line:
/// @code
/// input:1:5: error: expected a cipher name after '!' [missing-name]
///  ALL:!
///      ^
/// @endcode
/// @param input the cipher string the offsets refer to
/// @param source_name what to print before the position ("input" by default)
/// @return the rendered text, ending in a newline
[[nodiscard]] CIPHEREXPLAIN_API std::string render(const diagnostic& finding,
                                                   std::string_view input,
                                                   std::string_view source_name = "input");

/// Renders many findings about one input as render() does. The input's lines are found once,
/// so each finding then costs time proportional to what is printed for it, not to the input:
/// use it for all the findings of a long string.
class CIPHEREXPLAIN_API diagnostic_renderer {
 public:
  /// @param input the cipher string the offsets refer to; must outlive the renderer
  explicit diagnostic_renderer(std::string_view input, std::string_view source_name = "input");
  /// The finding in parts.
  [[nodiscard]] rendered_diagnostic parts(const diagnostic& finding) const;
  /// The finding as render() prints it.
  [[nodiscard]] std::string operator()(const diagnostic& finding) const;

 private:
  std::string_view input_;
  std::string source_name_;
  line_index lines_;
};

}  // namespace cipherexplain
