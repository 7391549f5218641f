// SPDX-License-Identifier: Apache-2.0
// The setter's name lookup, asked of the catalog or of a table prepared from the same answers.

#include "policy/ciphersuite_names.hpp"

#include "catalog/build_facts.hpp"
#include "text/ascii.hpp"

namespace cipherexplain::detail {

direct_suite_lookup::direct_suite_lookup(const catalog& release,
                                         const build_options& options) noexcept
    : release_(&release), options_(&options), unavailable_(unavailable_in(release, options)) {}

const cipher* direct_suite_lookup::find(std::string_view name) const noexcept {
  if (release_->ciphersuites_setter() == ciphersuites_setter::tls13_only) {
    for (const cipher& s : release_->ciphers()) {
      if (s.table == cipher_table::tls13 && !s.stdname.empty() &&
          equal_ignoring_case(s.stdname, name))
        return &s;
    }
    return nullptr;
  }
  const cipher* s = release_->find_cipher(name);
  if (s == nullptr || s->stdname != name || s->table == cipher_table::ssl2 ||
      !compiled_in(*options_, s->option))
    return nullptr;
  return s;
}

ciphersuite_names::ciphersuite_names(const catalog& release, const build_options& options)
    : table_(release.ciphers().data()),
      unavailable_(unavailable_in(release, options)),
      names_(release.ciphersuites_setter() == ciphersuites_setter::tls13_only) {
  // Every name the direct lookup answers is some suite's IANA name: asking it each of them
  // gives the whole table (the table keeps the first answer for names that fold alike).
  const direct_suite_lookup direct(release, options);
  for (const cipher& s : release.ciphers()) {
    if (s.stdname.empty()) continue;
    if (const cipher* found = direct.find(s.stdname))
      names_.insert(s.stdname, static_cast<std::uint16_t>(found - table_));
  }
}

const cipher* ciphersuite_names::find(std::string_view name) const noexcept {
  const std::uint16_t at = names_.find(name);
  return at == name_table::none ? nullptr : table_ + at;
}

}  // namespace cipherexplain::detail
