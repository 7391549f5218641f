// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small JSON writer, written here rather than taken from nlohmann-json (which the tests use
// to read the output) because cipher strings are arbitrary bytes: a byte that is not UTF-8 is
// written as a \udcXX escape (Python's "surrogateescape", as the oracle data does), so the
// output is always valid JSON and no input byte is lost. nlohmann's dump() can only throw on
// such a byte, replace it with U+FFFD or drop it.

#include <cipherexplain/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

class json_writer {
 public:
  /// indent 0: one line with ", " and ": " between items (the oracle's format); > 0: pretty.
  explicit json_writer(std::string& out, int indent = 0) : out_(out), indent_(indent) {}

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view name);
  json_writer& value(std::string_view text);
  /// A string that needs no escaping, such as a catalog's suite name (the catalog loader admits
  /// only letters, digits and -._= in names); copied as is.
  json_writer& plain_value(std::string_view text);
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  json_writer& value(bool b);
  json_writer& null_value();
  json_writer& value(std::int64_t n);
  json_writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
  json_writer& value(std::size_t n) { return value(static_cast<std::int64_t>(n)); }

 private:
  void before_value();
  void newline();
  std::string& out_;
  int indent_;
  struct level {
    bool first = true;
    bool is_object = false;
  };
  std::vector<level> stack_;
  bool after_key_ = false;
};

}  // namespace cipherexplain::detail
