// SPDX-License-Identifier: Apache-2.0
#include "report/json_writer.hpp"

#include "text/utf8.hpp"

#include <fmt/format.h>

namespace cipherexplain {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs of plain printable ASCII (every suite name) are copied in one append: batch output
    // is mostly names, and appending byte by byte was a third of its time.
    std::size_t plain = i;
    while (plain < text.size()) {
      const auto c = static_cast<unsigned char>(text[plain]);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') break;
      ++plain;
    }
    if (plain != i) {
      out.append(text.data() + i, plain - i);
      i = plain;
      continue;
    }
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '"' || b == '\\') {
      out += '\\';
      out += static_cast<char>(b);
      ++i;
    } else if (b == '\n') {
      out += "\\n", ++i;
    } else if (b == '\r') {
      out += "\\r", ++i;
    } else if (b == '\t') {
      out += "\\t", ++i;
    } else if (b < 0x20 || b == 0x7f) {
      out += "\\u00";
      out += hex[b >> 4];
      out += hex[b & 0xf];
      ++i;
    } else if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
    } else {
      // Copy a well-formed UTF-8 sequence as is; escape each byte of anything else.
      const std::size_t n = detail::decode_utf8(text, i).length;
      const bool ok = n != 0;
      if (ok) {
        out.append(text.substr(i, n));
        i += n;
      } else {
        out += "\\udc";
        out += hex[b >> 4];
        out += hex[b & 0xf];
        ++i;
      }
    }
  }
  out += '"';
}

namespace detail {

void json_writer::newline() {
  if (indent_ <= 0) return;
  out_ += '\n';
  out_.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  if (!stack_.back().first) out_ += indent_ > 0 ? "," : ", ";
  stack_.back().first = false;
  newline();
}

json_writer& json_writer::begin_object() {
  before_value();
  out_ += '{';
  stack_.push_back({true, true});
  return *this;
}

json_writer& json_writer::end_object() {
  const bool empty = stack_.back().first;
  stack_.pop_back();
  if (!empty) newline();
  out_ += '}';
  return *this;
}

json_writer& json_writer::begin_array() {
  before_value();
  out_ += '[';
  stack_.push_back({true, false});
  return *this;
}

json_writer& json_writer::end_array() {
  const bool empty = stack_.back().first;
  stack_.pop_back();
  if (!empty) newline();
  out_ += ']';
  return *this;
}

json_writer& json_writer::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

json_writer& json_writer::plain_value(std::string_view text) {
  before_value();
  out_ += '"';
  out_ += text;
  out_ += '"';
  return *this;
}

json_writer& json_writer::null_value() {
  before_value();
  out_ += "null";
  return *this;
}

json_writer& json_writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

json_writer& json_writer::value(std::int64_t n) {
  before_value();
  out_ += fmt::format("{}", n);
  return *this;
}

}  // namespace detail
}  // namespace cipherexplain
