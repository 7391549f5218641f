// SPDX-License-Identifier: Apache-2.0
// The result types' own functions: their names for JSON, and the memory they hold.

#include <cipherexplain/evaluation.hpp>

#include "text/heap_bytes.hpp"

namespace cipherexplain {

using detail::heap_bytes;

std::string_view outcome_name(rule_outcome outcome) noexcept {
  switch (outcome) {
    case rule_outcome::not_reached:
      return "not-reached";
    case rule_outcome::applied:
      return "applied";
    case rule_outcome::unknown_name:
      return "unknown-name";
    case rule_outcome::conflict:
      return "conflict";
    case rule_outcome::skipped:
      return "skipped";
    case rule_outcome::command_done:
      return "command-done";
    case rule_outcome::command_failed:
      return "command-failed";
    case rule_outcome::missing_name:
      return "missing-name";
  }
  return "";
}

std::string_view failure_name(failure_reason failure) noexcept {
  switch (failure) {
    case failure_reason::none:
      return "none";
    case failure_reason::syntax:
      return "syntax";
    case failure_reason::no_cipher_selected:
      return "no-cipher-selected";
  }
  return "none";
}

std::string_view step_kind_name(step::kind kind) noexcept {
  switch (kind) {
    case step::kind::rule:
      return "rule";
    case step::kind::default_prefix:
      return "default";
    case step::kind::suiteb_prefix:
      return "suiteb";
  }
  return "";
}

std::size_t evaluation::memory_bytes() const noexcept {
  std::size_t bytes = sizeof(evaluation) + heap_bytes(ciphers) + heap_bytes(outcomes) +
                      heap_bytes(diagnostics) + heap_bytes(steps);
  for (const diagnostic& d : diagnostics) bytes += heap_bytes(d.message) + heap_bytes(d.suggestion);
  for (const step& s : steps) {
    bytes += heap_bytes(s.matched) + heap_bytes(s.added) + heap_bytes(s.removed) +
             heap_bytes(s.killed) + heap_bytes(s.moved) + heap_bytes(s.list);
  }
  return bytes;
}

}  // namespace cipherexplain
