#pragma once
// Runs a program with a deadline and a cap on what it may print: no shell, stdout captured,
// stderr captured or passed through, stdin from /dev/null unless the caller hands over the
// terminal. The child inherits no descriptor but 0, 1 and 2. It is killed when the deadline
// passes or when its output outgrows the cap, and is always waited for before returning.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace detgw::support {

struct ProcessLimits {
  std::chrono::milliseconds timeout{60000};
  std::size_t max_output = 16u << 20;  // bytes of stdout and captured stderr together
};

// How the child's stdin and stderr are connected.
struct ProcessStreams {
  // Hand over this process's stdin (a program that asks the user something). The child then
  // stays in this process group, the terminal's foreground group; otherwise it gets a group of
  // its own, so a timeout also kills what it started.
  bool inherit_stdin = false;
  // Let the child write to this process's stderr (the user sees its messages as they come);
  // otherwise stderr is captured in ProcessResult::err.
  bool inherit_stderr = false;
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

// `argv[0]` is a path (not looked up in PATH). `extra_env` ("NAME=value") is added to this
// process's environment and overrides a variable of the same name; among `extra_env` entries
// of the same name the last one wins (as with Go's exec.Cmd.Env).
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {},
                          const ProcessLimits& limits = {}, const ProcessStreams& streams = {});

// The first executable regular file `name` in the colon-separated `path`; "" when there is
// none. A name containing '/' is returned as it is when it is an executable file.
std::string find_executable(const std::string& name, const std::string& path);

}  // namespace detgw::support
