// SPDX-License-Identifier: Apache-2.0
// The table of diagnostic codes, from diagnostic_codes.def.

#include <cipherexplain/diagnostic.hpp>

#include <array>
#include <cstddef>

namespace cipherexplain {
namespace {

constexpr std::array table{
#define CIPHEREXPLAIN_DIAGNOSTIC(identifier, value, name, level, summary, help) \
  diagnostic_code_info{diagnostic_code::identifier, name, severity::level, summary, help},
#include <cipherexplain/diagnostic_codes.def>
#undef CIPHEREXPLAIN_DIAGNOSTIC
};

// Lookups index the table by value, so the rows must be numbered 1, 2, 3, ... in order.
constexpr bool numbered_in_order() {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<std::size_t>(table[i].code) != i + 1) return false;
  }
  return true;
}
static_assert(numbered_in_order(), "diagnostic_codes.def: values must be 1, 2, 3, ... in order");

}  // namespace

std::span<const diagnostic_code_info> diagnostic_codes() noexcept { return table; }

const diagnostic_code_info& code_info(diagnostic_code code) noexcept {
  const auto i = static_cast<std::size_t>(code) - 1;
  // A value outside the table (a cast from a number) gets the first row rather than a crash.
  return i < table.size() ? table[i] : table.front();
}

const diagnostic_code_info* find_code(std::string_view name) noexcept {
  for (const diagnostic_code_info& row : table) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

std::string_view code_name(diagnostic_code code) noexcept {
  const auto i = static_cast<std::size_t>(code) - 1;
  return i < table.size() ? table[i].name : "unknown";
}

std::string_view severity_name(severity level) noexcept {
  switch (level) {
    case severity::note:
      return "note";
    case severity::warning:
      return "warning";
    case severity::error:
      return "error";
  }
  return "error";
}

}  // namespace cipherexplain
