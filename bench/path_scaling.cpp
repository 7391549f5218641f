// SPDX-License-Identifier: Apache-2.0
// See path_scaling.hpp. The CLI runs as a child of a spawner forked at start-up, so that its
// peak RSS (wait4's ru_maxrss) is its own and not the benchmark process's; its output goes to a
// pipe the spawner drains and counts, as a reader would.

#include "path_scaling.hpp"

#include <benchmark/benchmark.h>
#include <openssl/ssl.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace cipherexplain::bench {
namespace {

struct run_result {
  double seconds = 0;
  long peak_rss_kb = 0;
  std::uint64_t output_bytes = 0;
  int status = 0;  // as wait4 reports it
};

int to_spawner = -1;
int from_spawner = -1;
bool failed = false;

void write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("spawner pipe: write failed");
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

bool read_all(int fd, void* data, std::size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void send_string(int fd, const std::string& s) {
  const auto n = static_cast<std::uint32_t>(s.size());
  write_all(fd, &n, sizeof n);
  write_all(fd, s.data(), s.size());
}

bool receive_string(int fd, std::string& s) {
  std::uint32_t n = 0;
  if (!read_all(fd, &n, sizeof n)) return false;
  s.resize(n);
  return read_all(fd, s.data(), n);
}

// The spawner: one request (program, arguments) at a time, answered with how the run went.
[[noreturn]] void spawner_loop(int requests, int answers) {
  while (true) {
    std::uint32_t count = 0;
    if (!read_all(requests, &count, sizeof count)) std::_Exit(0);
    std::vector<std::string> args(count);
    for (std::string& a : args) {
      if (!receive_string(requests, a)) std::_Exit(1);
    }
    int out[2];
    if (::pipe(out) != 0) std::_Exit(1);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], 1);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 2);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      std::_Exit(127);
    }
    ::close(out[1]);
    run_result r;
    char buffer[1 << 16];
    while (true) {
      const ssize_t n = ::read(out[0], buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      r.output_bytes += static_cast<std::uint64_t>(n);
    }
    ::close(out[0]);
    rusage usage{};
    ::wait4(pid, &r.status, 0, &usage);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.peak_rss_kb = usage.ru_maxrss;
    write_all(answers, &r, sizeof r);
  }
}

run_result run_cli(const std::vector<std::string>& args) {
  const auto count = static_cast<std::uint32_t>(args.size());
  write_all(to_spawner, &count, sizeof count);
  for (const std::string& a : args) send_string(to_spawner, a);
  run_result r;
  if (!read_all(from_spawner, &r, sizeof r)) throw std::runtime_error("the spawner is gone");
  return r;
}

// The inputs, each a unit repeated (or random unknown words), cut after the last ':' that fits.
struct input_shape {
  const char* name;
  const char* unit;  // nullptr: random unknown words of 3-8 letters
};
constexpr input_shape shapes[] = {
    {"undo", "-HIGH:HIGH:"},                   // removal undone, again and again
    {"strength", "ALL:@STRENGTH:+AES:+SHA:"},  // strength undone, every '+' reorders
    {"high", "HIGH:!aNULL:"},                  // long traces of rules that change nothing
    {"unknown", nullptr},                      // unknown words: suggestions
};

std::string make_input(const input_shape& shape, std::size_t bytes) {
  std::string out;
  out.reserve(bytes);
  if (shape.unit != nullptr) {
    const std::string_view unit = shape.unit;
    while (out.size() + unit.size() <= bytes) out += unit;
    return out;
  }
  std::mt19937 random(12);
  std::uniform_int_distribution<int> length(3, 8), letter('a', 'z');
  while (true) {
    std::string word;
    for (int n = length(random); n > 0; --n) word += static_cast<char>(letter(random));
    if (out.size() + word.size() + 1 > bytes) break;
    out += word;
    out += ':';
  }
  return out;
}

// For batch: the same text as lines of about 100 bytes, each a string of its own.
std::string as_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 64);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + 100);
    const std::size_t colon = text.rfind(':', end - 1);
    if (end < text.size() && colon != std::string::npos && colon > start) end = colon + 1;
    out.append(text, start, end - start);
    out += '\n';
    start = end;
  }
  return out;
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream f(path, std::ios::binary);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
  return path;
}

struct path_case {
  const char* name;
  std::vector<std::string> (*args)(const std::string& file, const std::string& lines);
};

const path_case paths[] = {
    {"text",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"--file", f};
     }},
    {"json",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"--format", "json", "--file", f};
     }},
    {"trace",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"--trace", "--file", f};
     }},
    {"why",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"--why", "AES128-SHA", "--file", f};
     }},
    {"openssl-all",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"--openssl", "all", "--file", f};
     }},
    {"diff",
     [](const std::string& f, const std::string&) {
       return std::vector<std::string>{"diff", "--file", f, "--file", f};
     }},
    {"batch",
     [](const std::string&, const std::string& lines) {
       return std::vector<std::string>{"batch", lines};
     }},
};

void cli_path(benchmark::State& state, std::vector<std::string> args, std::size_t bytes) {
  long peak = 0;
  std::uint64_t output = 0;
  for (auto _ : state) {
    const run_result r = run_cli(args);
    // 0 accepted, 1 rejected (the unknown words): anything else is a failure of the tool.
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) > 1) {
      state.SkipWithError("the CLI failed (exit status > 1 or a signal)");
      failed = true;
      break;
    }
    state.SetIterationTime(r.seconds);
    peak = std::max(peak, r.peak_rss_kb);
    output = r.output_bytes;
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["peak_rss_MB"] = static_cast<double>(peak) / 1024.0;
  state.counters["output_MB"] = static_cast<double>(output) / (1024.0 * 1024.0);
}

void openssl_path(benchmark::State& state, const input_shape& shape, std::size_t bytes) {
  const std::string text = make_input(shape, bytes);
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  for (auto _ : state) {
    const int ok = SSL_CTX_set_cipher_list(ctx, text.c_str());
    benchmark::DoNotOptimize(ok);
  }
  SSL_CTX_free(ctx);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

}  // namespace

bool any_path_failed() { return failed; }

void start_cli_spawner() {
  int requests[2], answers[2];
  if (::pipe(requests) != 0 || ::pipe(answers) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(requests[1]);
    ::close(answers[0]);
    spawner_loop(requests[0], answers[1]);
  }
  ::close(requests[0]);
  ::close(answers[1]);
  to_spawner = requests[1];
  from_spawner = answers[0];
}

void register_path_scaling(const std::string& cli, std::size_t max_bytes) {
  char pattern[] = "/tmp/cipherexplain-bench-XXXXXX";
  const char* dir = ::mkdtemp(pattern);
  if (dir == nullptr) throw std::runtime_error("mkdtemp failed");
  for (std::size_t bytes = 1 << 10; bytes <= max_bytes; bytes *= 4) {
    for (const input_shape& shape : shapes) {
      const std::string tag = std::string(shape.name) + "/" + std::to_string(bytes);
      std::string text = make_input(shape, bytes);
      const std::string file =
          write_file(dir, std::string(shape.name) + "-" + std::to_string(bytes), text);
      const std::string lines = write_file(
          dir, std::string(shape.name) + "-" + std::to_string(bytes) + ".lines", as_lines(text));
      text = {};
      for (const path_case& p : paths) {
        std::vector<std::string> args{cli};
        for (std::string& a : p.args(file, lines)) args.push_back(std::move(a));
        auto* b = benchmark::RegisterBenchmark(("paths/" + std::string(p.name) + "/" + tag).c_str(),
                                               cli_path, args, bytes);
        b->UseManualTime()->Unit(benchmark::kMillisecond);
        if (bytes >= (1u << 20)) b->Iterations(1);
      }
      auto* o = benchmark::RegisterBenchmark(("paths/openssl/" + tag).c_str(), openssl_path, shape,
                                             bytes);
      o->Unit(benchmark::kMillisecond);
      if (bytes >= (1u << 20)) o->Iterations(1);
    }
  }
}

}  // namespace cipherexplain::bench
