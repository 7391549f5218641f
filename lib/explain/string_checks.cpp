#include "explain/string_checks.hpp"

#include <cipherexplain/supported.hpp>

#include "diagnostics/finding.hpp"
#include "explain/wording.hpp"

#include <fmt/format.h>

#include <string>

namespace cipherexplain::detail {
namespace {

std::string_view unusable_fix(unusable_reason reason) {
  switch (reason) {
    case unusable_reason::anonymous:
      return "remove them with '!aNULL', or allow them with @SECLEVEL=0";
    case unusable_reason::md5_mac:
      return "remove them with '!MD5'";
    case unusable_reason::sha1_mac:
      return "remove them with '!SHA1', or use @SECLEVEL=3 or lower";
    case unusable_reason::rc4:
      return "remove them with '!RC4'";
    case unusable_reason::no_forward_secrecy:
      return "remove them with '!kRSA', or use @SECLEVEL=2 or lower";
    case unusable_reason::psk_not_set_up:
      return "remove them with '!PSK' unless the application sets a PSK callback";
    case unusable_reason::srp_not_set_up:
      return "remove them with '!SRP' unless the application sets up SRP";
    case unusable_reason::too_few_bits:
    case unusable_reason::protocol_range:
      break;
  }
  return "remove them, or lower the level with @SECLEVEL=n if they are needed";
}

// Suites that are listed but that no connection will use at this security level.
void add_unusable_suites(const catalog& release, const tree& parsed, const evaluation& result,
                         std::vector<diagnostic>& out) {
  const auto usable = supported(release, result.ciphers, result.security_level);
  if (!usable) return;
  for (unsigned r = 0; r <= static_cast<unsigned>(unusable_reason::srp_not_set_up); ++r) {
    const auto reason = static_cast<unusable_reason>(r);
    std::vector<const cipher*> group;
    for (const auto& [suite, why] : usable->unusable) {
      if (why == reason) group.push_back(suite);
    }
    if (group.empty()) continue;
    out.push_back(make_finding(
        diagnostic_code::unusable_suites,
        fmt::format("at security level {} no connection uses {} listed suite{} with {}: {}",
                    result.security_level, group.size(), group.size() == 1 ? "" : "s",
                    reason_text(reason), suites_text(group)),
        0, parsed.source().size(), std::string(unusable_fix(reason))));
  }
}

// Suites written for TLS 1.0/1.1 on a level that refuses those versions (3.1+: any level from
// 1): reported when the string asks for them or holds nothing newer.
void add_old_protocols_refused(const catalog& release, const tree& parsed, const evaluation& result,
                               bool asked_for_old, std::vector<diagnostic>& out) {
  if (release.engine() == engine_family::openssl_1_0) return;
  const auto range = supported(release, {}, result.security_level);
  std::vector<const cipher*> old;
  std::size_t tls12_suites = 0;
  for (const cipher* s : result.ciphers) {
    if (s->table == cipher_table::tls13) continue;
    ++tls12_suites;
    if (s->min_tls < version::tlsv1_2) old.push_back(s);
  }
  const bool only_old = !old.empty() && old.size() == tls12_suites;
  if (!range || range->min_version <= version::tlsv1 || old.empty() || !(asked_for_old || only_old))
    return;
  const bool floor = release.security_rules().tls12_floor_from_level_1;
  out.push_back(make_finding(
      diagnostic_code::old_protocols_refused,
      fmt::format(
          "at security level {} OpenSSL {} refuses {}, so {} {} only used over newer versions; peers limited to the old ones cannot connect",
          result.security_level, release.release(),
          range->min_version == version::tlsv1_2 ? "TLS 1.0 and TLS 1.1" : "TLS 1.0",
          suites_text(old), old.size() == 1 ? "is" : "are"),
      0, parsed.source().size(),
      floor ? "add @SECLEVEL=0 if such peers must connect (3.1+ refuses TLS 1.0/1.1 from level 1)"
            : fmt::format("use @SECLEVEL={} or lower if such peers must connect",
                          result.security_level >= 4 ? 3 : 2)));
}

}  // namespace

void add_whole_string_findings(const prepared_release& release, const tree& parsed,
                               const evaluation& result, bool asked_for_old,
                               std::vector<diagnostic>& out) {
  const catalog& c = release.release();
  if (result.failure == failure_reason::no_cipher_selected) {
    const bool tls13 = c.engine() == engine_family::openssl_1_1_1;
    out.push_back(make_finding(
        diagnostic_code::no_cipher_selected,
        fmt::format(
            "the string selects no TLS 1.2-or-older cipher suite, so OpenSSL {} rejects it{}",
            c.release(), tls13 ? " (the context is left with only the TLS 1.3 suites)" : ""),
        0, parsed.source().size()));
  }
  if (!result.ok) return;
  add_old_protocols_refused(c, parsed, result, asked_for_old, out);
  add_unusable_suites(c, parsed, result, out);
}

}  // namespace cipherexplain::detail
