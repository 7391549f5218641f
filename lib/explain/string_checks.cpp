// SPDX-License-Identifier: Apache-2.0
#include "explain/string_checks.hpp"

#include <cipherexplain/supported.hpp>

#include "diagnostics/finding.hpp"
#include "explain/wording.hpp"

#include <fmt/format.h>

#include <string>

namespace cipherexplain::detail {
namespace {

// The rule that removes suites unusable for this reason, if one word does it.
std::string_view removal_word(unusable_reason reason) {
  switch (reason) {
    case unusable_reason::anonymous:
      return "!aNULL";
    case unusable_reason::md5_mac:
      return "!MD5";
    case unusable_reason::sha1_mac:
      return "!SHA1";
    case unusable_reason::rc4:
      return "!RC4";
    case unusable_reason::no_forward_secrecy:
      return "!kRSA";
    case unusable_reason::psk_not_set_up:
      return "!PSK";
    case unusable_reason::srp_not_set_up:
      return "!SRP";
    case unusable_reason::too_few_bits:
    case unusable_reason::protocol_range:
    case unusable_reason::outside_protocol_range:
    case unusable_reason::no_protocol:
    case unusable_reason::suiteb_signature:
      break;
  }
  return "";
}

// One part of the note per reason: "6 need SRP parameters (SRP-DSS-AES-256-CBC-SHA, ...)".
std::string unusable_part(unusable_reason reason, const std::vector<const cipher*>& group,
                          int level) {
  const bool one = group.size() == 1;
  switch (reason) {
    case unusable_reason::psk_not_set_up:
      return fmt::format("{} need{} a PSK callback ({})", group.size(), one ? "s" : "",
                         suites_text(group));
    case unusable_reason::srp_not_set_up:
      return fmt::format("{} need{} SRP parameters ({})", group.size(), one ? "s" : "",
                         suites_text(group));
    default:
      return fmt::format("{} {} refused at security level {} for {} ({})", group.size(),
                         one ? "is" : "are", level, reason_text(reason), suites_text(group));
  }
}

// Suites that are listed but that no connection will use: one note for all the reasons.
void add_unusable_suites(const catalog& release, const tree& parsed, const evaluation& result,
                         std::vector<diagnostic>& out) {
  const supported_suites usable = usable_suites(release, result.ciphers, result.security_level);
  if (usable.unusable.empty()) return;
  std::vector<std::string> parts;
  std::string removals;
  bool level_refuses = false;
  bool needs_setup = false;
  for (unsigned r = 0; r <= static_cast<unsigned>(unusable_reason::suiteb_signature); ++r) {
    const auto reason = static_cast<unusable_reason>(r);
    std::vector<const cipher*> group;
    for (const auto& [suite, why] : usable.unusable) {
      if (why == reason) group.push_back(suite);
    }
    if (group.empty()) continue;
    parts.push_back(unusable_part(reason, group, result.security_level));
    if (const std::string_view word = removal_word(reason); !word.empty()) {
      // Appended piecewise: "x" + std::string trips GCC 12's -Wrestrict false positive.
      if (!removals.empty()) removals += ':';
      removals += word;
    }
    level_refuses = level_refuses || refused_by_level(reason);
    needs_setup = needs_setup || !refused_by_level(reason);
  }
  const std::size_t n = usable.unusable.size();
  std::string fix =
      removals.empty() ? "remove them" : fmt::format("remove them with '{}'", removals);
  if (level_refuses) fix += ", or lower the level with @SECLEVEL=n if they are needed";
  if (needs_setup)
    fix += needs_setup && level_refuses
               ? "; PSK and SRP suites work only if the application sets them up"
               : ", unless the application sets up PSK or SRP";
  out.push_back(make_finding(
      diagnostic_code::unusable_suites,
      fmt::format("no connection uses {} of the listed suites: {}", n, fmt::join(parts, "; ")), 0,
      parsed.source().size(), std::move(fix)));
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
  if (!range || old.empty() || !(asked_for_old || only_old)) return;
  const security_rules& rules = release.security_rules();
  // 3.0 lists the suites but fails the handshake: TLS 1.0/1.1 sign with MD5-SHA1.
  const bool signatures = rules.legacy_signatures_refused_from_level_1 &&
                          result.security_level >= 1 && range->min_version < version::tlsv1_2;
  if (range->min_version <= version::tlsv1 && !signatures) return;
  const std::string suites = fmt::format("{} {}", suites_text(old), old.size() == 1 ? "is" : "are");
  std::string message;
  std::string fix;
  if (signatures) {
    message = fmt::format(
        "at security level {} OpenSSL {} completes no TLS 1.0 or TLS 1.1 handshake (the MD5-SHA1 signature those versions use is below level 1), although it lists their suites, so {} only used over newer versions; peers limited to the old ones cannot connect",
        result.security_level, release.release(), suites);
    fix =
        "add @SECLEVEL=0 if such peers must connect (3.0 refuses the MD5-SHA1 signature from level 1)";
  } else {
    message = fmt::format(
        "at security level {} OpenSSL {} refuses {}, so {} only used over newer versions; peers limited to the old ones cannot connect",
        result.security_level, release.release(),
        range->min_version == version::tlsv1_2 ? "TLS 1.0 and TLS 1.1" : "TLS 1.0", suites);
    fix = rules.tls12_floor_from_level_1
              ? "add @SECLEVEL=0 if such peers must connect (3.1+ refuses TLS 1.0/1.1 from level 1)"
              : fmt::format("use @SECLEVEL={} or lower if such peers must connect",
                            result.security_level >= 4 ? 3 : 2);
  }
  out.push_back(make_finding(diagnostic_code::old_protocols_refused, std::move(message), 0,
                             parsed.source().size(), std::move(fix)));
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
