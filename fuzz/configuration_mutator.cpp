// SPDX-License-Identifier: Apache-2.0
#include "configuration_mutator.hpp"

#include "mutator_random.hpp"

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

namespace cipherexplain::fuzzing {
namespace {

// The mutators' shared splitmix64 (mutator_random.hpp), seeded apart from the
// cipher-string mutator's.
using rng_t = mutation_rng;

template <typename T>
const T& any_of(rng_t& rng, const std::vector<T>& v) {
  return v[pick(rng, v.size())];
}

// The versions byte 2 chooses from; 0 with `called` false is "not called".
struct bound_choice {
  bool called;
  std::uint16_t version;
};
constexpr bound_choice bounds[8] = {{false, 0},
                                    {true, version::sslv3},
                                    {true, version::tlsv1},
                                    {true, version::tlsv1_1},
                                    {true, version::tlsv1_2},
                                    {true, version::tlsv1_3},
                                    {true, 0},
                                    {true, version::tlsv1_2}};

// isspace() in the "C" locale: what CONF_parse_list trims around each element.
constexpr std::string_view spaces = " \t\n\v\f\r";
// Bytes that mean something elsewhere (cipher strings, other separators) or nothing at all.
constexpr std::string_view odd_bytes = "@!+-=_,; .$*\"\\/\x80\xff\x01";
constexpr std::string_view syntax_words[] = {"DEFAULT",   "ALL",  "@SECLEVEL=0", "@STRENGTH",
                                             "!aNULL",    "HIGH", "TLSv1.3",     "TLSv1.2",
                                             "SUITEB128", "-",    "+",           "!"};

// A ciphersuites string cut at its ':' bytes.
std::vector<std::string> split_elements(std::string_view s) {
  std::vector<std::string> out(1);
  for (const char c : s) {
    if (c == ':') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string join_elements(const std::vector<std::string>& elements) {
  std::string out;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += ':';
    out += elements[i];
  }
  return out;
}

void flip_case(std::string& s, rng_t& rng, std::size_t one_in) {
  for (char& c : s) {
    if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && pick(rng, one_in) == 0) c ^= 0x20;
  }
}

std::string new_element(rng_t& rng) {
  const ciphersuites_words& words = ciphersuites_vocabulary();
  switch (pick(rng, 20)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
      return any_of(rng, words.tls13);
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
      return any_of(rng, words.iana);
    case 13:
    case 14:
      return any_of(rng, words.openssl);
    case 15:
      return any_of(rng, cipher_string_vocabulary());
    case 16:
      return {};
    case 17:
      return std::string(syntax_words[pick(rng, std::size(syntax_words))]);
    case 18: {  // case changed (4.0 matches any case, the others exact case)
      std::string s = any_of(rng, words.tls13);
      if (pick(rng, 2) == 0) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
      } else {
        flip_case(s, rng, 4);
      }
      return s;
    }
    default: {  // a TLS 1.3 name cut short, extended, or two glued by a wrong separator
      std::string s = any_of(rng, words.tls13);
      switch (pick(rng, 3)) {
        case 0:
          s.resize(pick(rng, s.size()));
          break;
        case 1:
          s += pick(rng, 2) == 0 ? "_X" : "0";
          break;
        default:
          s += ",; \t+"[pick(rng, 5)];
          s += any_of(rng, words.tls13);
          break;
      }
      return s;
    }
  }
}

// One structural edit; false when it does not apply.
bool edit(std::vector<std::string>& e, rng_t& rng) {
  const std::size_t n = e.size();
  const std::size_t at = pick(rng, n);
  std::string& el = e[at];
  switch (pick(rng, 14)) {
    case 0:
    case 1:
    case 2:  // insert an element
      e.insert(e.begin() + static_cast<std::ptrdiff_t>(pick(rng, n + 1)), new_element(rng));
      return true;
    case 3:  // replace one
      el = new_element(rng);
      return true;
    case 4:  // delete one
      if (n < 2) return false;
      e.erase(e.begin() + static_cast<std::ptrdiff_t>(at));
      return true;
    case 5:  // swap two
      if (n < 2) return false;
      std::swap(el, e[pick(rng, n)]);
      return true;
    case 6: {  // duplicate one (4.0 skips a name given again, the others list it twice)
      const std::string copy = el;
      e.insert(e.begin() + static_cast<std::ptrdiff_t>(pick(rng, n + 1)), copy);
      return true;
    }
    case 7:  // change the case of some letters
      flip_case(el, rng, 3);
      return true;
    case 8: {  // white space before or after, which OpenSSL trims
      const std::string space(1, spaces[pick(rng, spaces.size())]);
      el = pick(rng, 2) == 0 ? space + el : el + space;
      return true;
    }
    case 9:  // glue two elements with a byte that is no separator here
      if (n < 2) return false;
      if (at + 1 < n) {
        el += ",; \t"[pick(rng, 4)] + e[at + 1];
        e.erase(e.begin() + static_cast<std::ptrdiff_t>(at + 1));
      } else {
        e[at - 1] += ",; \t"[pick(rng, 4)] + el;
        e.pop_back();
      }
      return true;
    case 10: {  // an element at the 80-byte limit OpenSSL's name buffer sets
      const std::size_t target = 78 + pick(rng, 4);
      if (el.empty()) el = any_of(rng, ciphersuites_vocabulary().tls13);
      while (el.size() < target) el += el.size() + 1 < target ? 'A' : '_';
      el.resize(target);
      return true;
    }
    case 11:  // an empty element: a leading, doubled or trailing ':'
      e.insert(e.begin() + static_cast<std::ptrdiff_t>(pick(rng, n + 1)), std::string());
      return true;
    case 12:  // cut a name short
      if (el.empty()) return false;
      el.resize(pick(rng, el.size()));
      return true;
    default:  // an odd byte somewhere, now and then a NUL (where OpenSSL stops reading)
      el.insert(pick(rng, el.size() + 1), 1,
                pick(rng, 16) == 0 ? '\0' : odd_bytes[pick(rng, odd_bytes.size())]);
      return true;
  }
}

std::size_t store(std::string_view s, std::uint8_t* out, std::size_t max_size) {
  const std::size_t n = std::min(s.size(), max_size);
  if (n != 0) std::memcpy(out, s.data(), n);
  return n;
}

// Runs a mutator on a string through a buffer of `max_size` bytes.
template <typename Mutate>
std::string mutated_part(const std::string& part, std::size_t max_size, Mutate mutate) {
  std::string buffer = part;
  buffer.resize(std::max(part.size(), max_size));
  const std::size_t n = mutate(reinterpret_cast<std::uint8_t*>(buffer.data()),
                               std::min(part.size(), max_size), max_size);
  buffer.resize(n);
  return buffer;
}

// An input that fits max_size: the longer text loses its tail first.
std::size_t store_configuration(configuration_input in, std::uint8_t* out, std::size_t max_size) {
  const auto size = [&] {
    return control_bytes + in.cipher_list.size() +
           (in.ciphersuites ? 1 + in.ciphersuites->size() : 0);
  };
  while (size() > max_size) {
    const std::size_t over = size() - max_size;
    std::string& longer = in.ciphersuites && in.ciphersuites->size() > in.cipher_list.size()
                              ? *in.ciphersuites
                              : in.cipher_list;
    if (longer.empty()) break;
    longer.resize(longer.size() - std::min(over, longer.size()));
  }
  return store(encode_configuration(in), out, max_size);
}

}  // namespace

configuration_input decode_configuration(std::string_view bytes) {
  configuration_input out;
  for (std::size_t i = 0; i < control_bytes && i < bytes.size(); ++i)
    out.controls[i] = static_cast<std::uint8_t>(bytes[i]);
  const std::string_view text = bytes.substr(std::min(bytes.size(), control_bytes));
  const std::size_t nul = text.find('\0');
  out.cipher_list = text.substr(0, nul);
  if (nul != std::string_view::npos) out.ciphersuites = std::string(text.substr(nul + 1));
  return out;
}

std::string encode_configuration(const configuration_input& input) {
  std::string out(input.controls.begin(), input.controls.end());
  out += input.cipher_list;
  if (input.ciphersuites) {
    out += '\0';
    out += *input.ciphersuites;
  }
  return out;
}

configuration_calls read_calls(const configuration_input& input) {
  configuration_calls out;
  const std::uint8_t c0 = input.controls[0];
  if (const int level = c0 & 7; level >= 1 && level <= 6) out.security_level = level - 1;
  out.ciphersuites_first = (c0 & 0x08) != 0;
  out.set_cipher_list = (c0 & 0x10) == 0;
  out.set_ciphersuites = input.ciphersuites.has_value() && (c0 & 0x20) == 0;
  out.disabled_protocols = input.controls[1] & 0x1f;
  const bound_choice min = bounds[input.controls[2] & 7];
  const bound_choice max = bounds[(input.controls[2] >> 3) & 7];
  if (min.called) out.min_protocol = min.version;
  if (max.called) out.max_protocol = max.version;
  return out;
}

tls_configuration to_configuration(const configuration_input& input) {
  const configuration_calls calls = read_calls(input);
  tls_configuration out;
  if (calls.set_cipher_list) out.cipher_list = input.cipher_list;
  if (calls.set_ciphersuites) out.ciphersuites = *input.ciphersuites;
  out.security_level = calls.security_level;
  out.min_protocol = calls.min_protocol.value_or(0);
  out.max_protocol = calls.max_protocol.value_or(0);
  out.disabled_protocols = calls.disabled_protocols;
  out.ciphersuites_first = calls.ciphersuites_first;
  return out;
}

const ciphersuites_words& ciphersuites_vocabulary() {
  static const ciphersuites_words words = [] {
    std::set<std::string> tls13, iana, openssl;
    for (const catalog* c : catalog::all()) {
      for (const cipher& s : c->ciphers()) {
        if (s.table == cipher_table::ssl2) continue;
        if (s.table == cipher_table::tls13) {
          tls13.emplace(s.stdname.empty() ? s.name : s.stdname);
          continue;
        }
        if (!s.stdname.empty()) iana.emplace(s.stdname);
        if (s.name != s.stdname) openssl.emplace(s.name);
      }
    }
    return ciphersuites_words{
        {tls13.begin(), tls13.end()}, {iana.begin(), iana.end()}, {openssl.begin(), openssl.end()}};
  }();
  return words;
}

std::size_t mutate_ciphersuites(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                unsigned seed, byte_mutator bytes) {
  rng_t rng(seed ^ 0x5bd1e995u);
  if (pick(rng, 4) == 0) return bytes(data, size, max_size);
  std::vector<std::string> elements =
      split_elements(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::size_t edits = 1 + (pick(rng, 3) == 0 ? pick(rng, 4) : 0);
  bool changed = false;
  for (std::size_t i = 0; i < edits; ++i) changed = edit(elements, rng) || changed;
  if (!changed) return bytes(data, size, max_size);
  return store(join_elements(elements), data, max_size);
}

std::size_t mutate_configuration(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned seed, byte_mutator bytes) {
  rng_t rng(seed ^ 0x5bd1e995u);
  const unsigned next = static_cast<unsigned>(rng());
  configuration_input in =
      decode_configuration(std::string_view(reinterpret_cast<const char*>(data), size));
  // What a text may take: the input less the control bytes and the NUL between the texts.
  if (max_size <= control_bytes + 1) return bytes(data, size, max_size);
  const std::size_t room = max_size - control_bytes - 1;
  switch (pick(rng, 16)) {
    case 0:  // libFuzzer's byte mutations over the whole input
      return bytes(data, size, max_size);
    case 1:
    case 2: {  // one field of the control bytes
      std::uint8_t& c = in.controls[pick(rng, control_bytes)];
      c = pick(rng, 2) == 0 ? static_cast<std::uint8_t>(c ^ (1u << pick(rng, 6)))
                            : static_cast<std::uint8_t>(rng());
      break;
    }
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 8: {  // the cipher string
      in.cipher_list =
          mutated_part(in.cipher_list, room, [&](std::uint8_t* d, std::size_t n, std::size_t m) {
            return mutate_cipher_string(d, n, m, next, bytes);
          });
      // A NUL from the byte mutator would move the split; keep the parts apart.
      std::replace(in.cipher_list.begin(), in.cipher_list.end(), '\0', ':');
      break;
    }
    case 15:  // add, drop or exchange the ciphersuites string
      if (!in.ciphersuites) {
        in.ciphersuites = new_element(rng);
      } else if (pick(rng, 3) == 0) {
        in.ciphersuites.reset();
      } else {
        std::string list = std::move(in.cipher_list);
        in.cipher_list = std::move(*in.ciphersuites);
        std::replace(in.cipher_list.begin(), in.cipher_list.end(), '\0', ':');
        in.ciphersuites = std::move(list);
      }
      break;
    default:  // the ciphersuites string
      in.ciphersuites = mutated_part(in.ciphersuites.value_or(""), room,
                                     [&](std::uint8_t* d, std::size_t n, std::size_t m) {
                                       return mutate_ciphersuites(d, n, m, next, bytes);
                                     });
      break;
  }
  return store_configuration(std::move(in), data, max_size);
}

std::size_t cross_configurations(std::string_view a, std::string_view b, std::uint8_t* out,
                                 std::size_t max_size, unsigned seed) {
  rng_t rng(seed ^ 0x5bd1e995u);
  const configuration_input x = decode_configuration(a);
  const configuration_input y = decode_configuration(b);
  configuration_input joined;
  joined.controls = pick(rng, 2) == 0 ? x.controls : y.controls;
  switch (pick(rng, 3)) {
    case 0:
      joined.cipher_list = x.cipher_list;
      break;
    case 1:
      joined.cipher_list = y.cipher_list;
      break;
    default: {
      std::string buffer(std::max<std::size_t>(max_size, 1), '\0');
      buffer.resize(cross_cipher_strings(x.cipher_list, y.cipher_list,
                                         reinterpret_cast<std::uint8_t*>(buffer.data()), max_size,
                                         static_cast<unsigned>(rng())));
      joined.cipher_list = std::move(buffer);
      std::replace(joined.cipher_list.begin(), joined.cipher_list.end(), '\0', ':');
      break;
    }
  }
  if (x.ciphersuites && y.ciphersuites && pick(rng, 2) == 0) {
    // The first elements of one, the last of the other.
    const std::vector<std::string> ex = split_elements(*x.ciphersuites);
    const std::vector<std::string> ey = split_elements(*y.ciphersuites);
    std::vector<std::string> e(ex.begin(),
                               ex.begin() + static_cast<std::ptrdiff_t>(1 + pick(rng, ex.size())));
    e.insert(e.end(), ey.begin() + static_cast<std::ptrdiff_t>(pick(rng, ey.size())), ey.end());
    joined.ciphersuites = join_elements(e);
  } else {
    joined.ciphersuites = pick(rng, 2) == 0 ? x.ciphersuites : y.ciphersuites;
  }
  return store_configuration(std::move(joined), out, max_size);
}

}  // namespace cipherexplain::fuzzing
