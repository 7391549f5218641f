// SPDX-License-Identifier: Apache-2.0
#include "oracle_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cipherexplain::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace

std::vector<std::string> file_lines(const std::string& path) {
  return split_lines(read_file(path));
}

namespace {

std::vector<std::string> strings_of(const nlohmann::json& array) {
  std::vector<std::string> out;
  for (const auto& v : array) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

std::string corpus_dir() { return CIPHEREXPLAIN_CORPUS_DIR; }

std::vector<std::string> corpus_lines() {
  return split_lines(read_file(corpus_dir() + "/corpus.txt"));
}

std::vector<recorded_result> recorded_results(const std::string& release_dir) {
  std::vector<recorded_result> out;
  for (const std::string& line :
       split_lines(read_file(corpus_dir() + "/" + release_dir + "/results.jsonl"))) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({j.at("ok").get<bool>(), strings_of(j.at("ciphers"))});
  }
  return out;
}

std::vector<recorded_state> recorded_states(const std::string& release_dir) {
  std::vector<recorded_state> out;
  for (const std::string& line :
       split_lines(read_file(corpus_dir() + "/" + release_dir + "/state.jsonl"))) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({j.at("input").get<std::string>(), j.at("ok").get<bool>(), j.value("seclevel", 0),
                   strings_of(j.at("ctx_ciphers"))});
  }
  return out;
}

std::vector<recorded_cipher> recorded_catalog(const std::string& release_dir) {
  std::vector<recorded_cipher> out;
  bool header = true;
  for (const std::string& line :
       split_lines(read_file(corpus_dir() + "/" + release_dir + "/catalog.tsv"))) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      cells.push_back(
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cells.size() != 8) throw std::runtime_error("catalog.tsv: bad row " + line);
    out.push_back({cells[0], cells[1], cells[2], cells[3], cells[6], cells[7], std::stoi(cells[4]),
                   std::stoi(cells[5])});
  }
  return out;
}

std::vector<recorded_alias> recorded_aliases(const std::string& release_dir) {
  std::vector<recorded_alias> out;
  for (const std::string& line :
       split_lines(read_file(corpus_dir() + "/" + release_dir + "/aliases.jsonl"))) {
    const auto j = nlohmann::json::parse(line);
    out.push_back(
        {j.at("alias").get<std::string>(), j.at("ok").get<bool>(), strings_of(j.at("ciphers"))});
  }
  return out;
}

std::string release_dir(const catalog& c) { return "openssl-" + std::string(c.release()); }

std::vector<std::string> names(const std::vector<const cipher*>& suites) {
  std::vector<std::string> out;
  for (const cipher* s : suites) out.emplace_back(s->name);
  return out;
}

std::string describe_difference(const std::vector<std::string>& expected,
                                const std::vector<std::string>& actual) {
  std::ostringstream s;
  s << "expected " << expected.size() << " suites, got " << actual.size() << ".";
  std::vector<std::string> missing, extra;
  for (const auto& e : expected) {
    if (std::find(actual.begin(), actual.end(), e) == actual.end()) missing.push_back(e);
  }
  for (const auto& a : actual) {
    if (std::find(expected.begin(), expected.end(), a) == expected.end()) extra.push_back(a);
  }
  if (!missing.empty()) {
    s << " missing:";
    for (const auto& m : missing) s << ' ' << m;
    s << '.';
  }
  if (!extra.empty()) {
    s << " extra:";
    for (const auto& e : extra) s << ' ' << e;
    s << '.';
  }
  if (missing.empty() && extra.empty()) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (expected[i] != actual[i]) {
        s << " first difference at position " << i << ": expected " << expected[i] << ", got "
          << actual[i] << '.';
        break;
      }
    }
  }
  return s.str();
}

std::string printable(const std::string& input) {
  std::string out;
  for (const char ch : input) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      static constexpr char hex[] = "0123456789ABCDEF";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (out.size() > 300) out = out.substr(0, 300) + "...";
  return "'" + out + "'";
}

}  // namespace cipherexplain::testing
