#pragma once
// Runs a program with a deadline and a cap on what it may print: no shell, stdin from /dev/null,
// stdout and stderr captured separately. The child is killed when the deadline passes or when
// its output outgrows the cap.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace detgw::support {

struct ProcessLimits {
  std::chrono::milliseconds timeout{60000};
  std::size_t max_output = 16u << 20;  // bytes of stdout and stderr together
};

struct ProcessResult {
  bool started = false;    // false: fork/exec failed (see `error`)
  int exit_code = -1;      // 128 + signal when killed by one
  bool timed_out = false;  // killed at the deadline
  bool truncated = false;  // killed for printing more than max_output
  std::string out;
  std::string err;
  std::string error;  // why it did not start
};

// `argv[0]` is a path (not looked up in PATH). `extra_env` ("NAME=value") is added to, and
// overrides, this process's environment.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {},
                          const ProcessLimits& limits = {});

// The first executable `name` in the colon-separated `path`; "" when there is none. A name
// containing '/' is returned as it is when it is executable.
std::string find_executable(const std::string& name, const std::string& path);

}  // namespace detgw::support
