// SPDX-License-Identifier: Apache-2.0
#include "server_support.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace cipherexplain::testing {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(line);
  while (std::getline(in, part, '\t')) out.push_back(part);
  return out;
}

std::string make_temp_dir(const std::string& what) {
  std::string pattern = "/tmp/cipherexplain-servers-" + what + "-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  return pattern;
}

void set_mode(const fs::path& p, bool directory) {
  const fs::perms read = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                         fs::perms::others_read;
  fs::permissions(
      p, directory ? read | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec
                   : read);
}

void make_dirs(const fs::path& dir) {
  if (dir.empty() || fs::exists(dir)) return;
  make_dirs(dir.parent_path());
  fs::create_directory(dir);
  set_mode(dir, true);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

void write_pem(const std::string& path, EVP_PKEY* key, X509* cert) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  const bool ok = (key == nullptr ||
                   PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) &&
                  (cert == nullptr || PEM_write_X509(f, cert) == 1);
  std::fclose(f);
  if (!ok) throw std::runtime_error("cannot write " + path);
  set_mode(path, false);
}

certificate_files make_certificate() {
  static const std::string dir = make_temp_dir("cert");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) throw std::runtime_error("cannot make a key");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 2L * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
    throw std::runtime_error("cannot sign the certificate");
  certificate_files files{dir + "/cert.pem", dir + "/key.pem", dir + "/combined.pem"};
  write_pem(files.cert, nullptr, cert.get());
  write_pem(files.key, key.get(), nullptr);
  write_pem(files.combined, key.get(), cert.get());
  return files;
}

// One pass over `text`: where several keys of `rules` match, the longest is replaced; what
// a replacement brings in is not looked at again.
std::string rewrite(const std::string& text, const std::map<std::string, std::string>& rules) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::pair<const std::string, std::string>* best = nullptr;
    for (const auto& rule : rules) {
      if (text.compare(i, rule.first.size(), rule.first) == 0 &&
          (best == nullptr || rule.first.size() > best->first.size()))
        best = &rule;
    }
    if (best == nullptr) {
      out += text[i++];
    } else {
      out += best->second;
      i += best->first.size();
    }
  }
  return out;
}

// A TREE line's words: blanks separate them, "..." keeps blanks in one.
std::vector<std::string> tree_words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) return out;
    std::string w;
    if (line[i] == '"') {
      const auto end = line.find('"', i + 1);
      w = line.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      i = end == std::string::npos ? line.size() : end + 1;
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') w += line[i++];
    }
    out.push_back(w);
  }
}

}  // namespace

std::optional<server_program> find_program(const std::string& name, std::string& why_not) {
  const std::string table = std::string(CIPHEREXPLAIN_SERVERS_CACHE) + "/servers.tsv";
  std::ifstream in(table);
  if (!in) {
    why_not =
        "the Debian archive was not reached, so no server was fetched (see the output of the "
        "fetch_debian_servers test, or run scripts/fetch-debian-servers.py " CIPHEREXPLAIN_SERVERS_CACHE
        ")";
    return std::nullopt;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    if (f.size() != 5 || f[0] != name) continue;
    if (f[4] != "-") {
      why_not = name + " " + f[3] + " cannot run here: missing " + f[4] + " (see " + table + ")";
      return std::nullopt;
    }
    return server_program{f[0], f[1], f[2], f[3]};
  }
  why_not = name + " is not in " + table;
  return std::nullopt;
}

process_result run_server(const server_program& p, const std::vector<std::string>& args,
                          const run_options& options) {
  std::vector<std::string> command{std::to_string(options.timeout_seconds)};
  if (options.as_nobody && geteuid() == 0) {
    for (const char* a : {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"})
      command.emplace_back(a);
  }
  command.emplace_back("/usr/bin/env");
  command.push_back("LD_LIBRARY_PATH=" + p.library_path);
  command.emplace_back("LANG=C");
  command.insert(command.end(), options.environment.begin(), options.environment.end());
  command.push_back(p.binary);
  command.insert(command.end(), args.begin(), args.end());
  return run_process("/usr/bin/timeout", command);
}

const certificate_files& test_certificate() {
  static std::once_flag once;
  static certificate_files files;
  std::call_once(once, [] { files = make_certificate(); });
  return files;
}

work_dir::work_dir(const std::string& what) : path_(make_temp_dir(what)) {}

work_dir::~work_dir() {
  if (std::getenv("CIPHEREXPLAIN_KEEP_SERVER_TREES") != nullptr) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string debian_root() {
  const std::string root = std::string(CIPHEREXPLAIN_SERVERS_CACHE) + "/root";
  return fs::is_directory(root) ? root : std::string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  make_dirs(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  set_mode(path, false);
  // An hour old: Postfix re-reads a main.cf changed within the last second until it is not
  // (util/dict.c dict_load_fp), which costs a second or two per postconf.
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

std::string fill_placeholders(std::string text, const std::string& work) {
  const certificate_files& c = test_certificate();
  const std::pair<std::string, std::string> subst[] = {{"@W@", work},
                                                       {"@ROOT@", debian_root()},
                                                       {"@CERT@", c.cert},
                                                       {"@KEY@", c.key},
                                                       {"@COMBINED@", c.combined}};
  for (const auto& [key, value] : subst) text = replace_all(std::move(text), key, value);
  return text;
}

void copy_tree(const std::string& from, const std::string& to,
               const std::map<std::string, std::string>& more) {
  make_dirs(to);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    if (e.is_regular_file()) files.push_back(e.path());
    if (e.is_directory()) make_dirs(fs::path(to) / fs::relative(e.path(), from));
  }
  for (const fs::path& file : files) {
    if (file.filename() == "TREE") continue;
    std::string text = fill_placeholders(read_file(file.string()), to);
    if (!more.empty()) text = rewrite(text, more);
    write_file((fs::path(to) / fs::relative(file, from)).string(), text);
  }
}

std::string trees_dir(const std::string& server) {
  return std::string(CIPHEREXPLAIN_SERVER_TREES) + "/" + server;
}

std::vector<std::string> tree_names(const std::string& server) {
  std::vector<std::string> names;
  std::error_code ignored;
  for (const auto& e : fs::directory_iterator(trees_dir(server), ignored))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool tree_spec::has(const std::string& tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

tree_spec read_tree_spec(const std::string& server, const std::string& name) {
  tree_spec spec;
  spec.name = name;
  const std::string path = trees_dir(server) + "/" + name + "/TREE";
  for (const std::string& line : lines_of(read_file(path))) {
    const auto words = tree_words(line);
    const std::string word = words.empty() ? "" : words[0];
    const std::string a = words.size() > 1 ? words[1] : "", b = words.size() > 2 ? words[2] : "";
    if (word.empty() || word[0] == '#') continue;
    if (word == "expect" && (a == "accepted" || a == "rejected")) {
      spec.accepted = a == "accepted";
      if (const auto colon = b.rfind(':'); colon != std::string::npos) {
        spec.file = b.substr(0, colon);
        spec.line = static_cast<unsigned>(std::stoul(b.substr(colon + 1)));
      }
    } else if (word == "from") {
      spec.from.push_back(a);
    } else if (word == "rewrite") {
      spec.rewrites.emplace_back(a, b);
    } else if (word == "copy" && words.size() >= 3) {
      spec.copies.emplace_back(words.begin() + 1, words.end());
    } else if (word == "main") {
      spec.main = a;
    } else if (word == "tag") {
      spec.tags.push_back(a);
    } else {
      throw std::runtime_error(path + ": cannot read \"" + line + "\"");
    }
  }
  return spec;
}

std::vector<std::string> trees_tagged(const std::string& server, const std::string& tag) {
  std::vector<std::string> names;
  for (const std::string& name : tree_names(server)) {
    if (tag.empty() || read_tree_spec(server, name).has(tag)) names.push_back(name);
  }
  return names;
}

std::vector<std::string> trees_accepted(const std::string& server) {
  std::vector<std::string> names;
  for (const std::string& name : tree_names(server))
    if (read_tree_spec(server, name).accepted) names.push_back(name);
  return names;
}

std::string prepare_tree(const tree_spec& spec, const std::string& server, const std::string& to,
                         const std::string& default_main) {
  for (const std::string& from : spec.from) {
    std::map<std::string, std::string> rewrites;
    for (const auto& [prefix, into] : spec.rewrites)
      rewrites[prefix] = into.empty() ? to + prefix : fill_placeholders(into, to);
    copy_tree(std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/" + from, to, rewrites);
  }
  copy_tree(trees_dir(server) + "/" + spec.name, to);
  for (const auto& copy : spec.copies) {
    std::string text;
    for (std::size_t i = 0; i + 1 < copy.size(); ++i) text += read_file(to + "/" + copy[i]);
    write_file(to + "/" + copy.back(), text);
  }
  return to + "/" + (spec.main.empty() ? default_main : spec.main);
}

tree_run::tree_run(const std::string& server_name, const std::string& tree,
                   const std::string& default_main, config_format format)
    : spec(read_tree_spec(server_name, tree)),
      dir(server_name),
      main(prepare_tree(spec, server_name, dir.path(), default_main)),
      reader(read_with(format, main)) {}

std::string tree_run::both() const { return describe(reader) + describe(server); }

std::string tree_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

unsigned last_line(const tls_setting& s) {
  unsigned last = s.line;
  for (const value_span& span : s.spans) {
    if (!span.verbatim) continue;
    const auto text = std::string_view(s.value).substr(span.value_offset, span.length);
    last = std::max(last,
                    span.line + static_cast<unsigned>(std::count(text.begin(), text.end(), '\n')));
  }
  return last;
}

bool written_at(const tls_setting& s, const std::string& file, unsigned line) {
  return s.file == file && s.line <= line && line <= last_line(s);
}

config_read_result read_with(config_format format, const std::string& main) {
  filesystem_tree tree;
  return read_config(tree, main, {format});
}

std::string describe(const config_read_result& r) {
  std::ostringstream out;
  out << "the reader:\n";
  for (const std::string& f : r.files) out << "  file " << f << "\n";
  for (const tls_setting& s : r.settings) {
    out << "  setting " << s.file << ":" << s.line << ":" << s.column << " " << s.directive
        << " = \"" << s.value << "\" (" << setting_kind_name(s.kind) << ", "
        << setting_role_name(s.role) << ", block "
        << r.blocks[static_cast<std::size_t>(s.block)].name << (s.effective ? ", effective" : "")
        << ")\n";
  }
  for (const config_error& e : r.errors)
    out << "  error " << e.file << ":" << e.line << ":" << e.column << " " << e.message << "\n";
  return out.str();
}

std::string describe(const process_result& p) {
  return "the server: exit " + std::to_string(p.exit_code) + "\n--- stdout\n" + p.out +
         "--- stderr\n" + p.err + "---\n";
}

void show(const std::string& text) {
  if (std::getenv("CIPHEREXPLAIN_SERVERS_VERBOSE") != nullptr) std::printf("%s", text.c_str());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace cipherexplain::testing
