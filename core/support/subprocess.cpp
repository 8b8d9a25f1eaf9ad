#include "core/support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace detgw::support {
namespace {

std::string env_name(const std::string& assignment) {
  return assignment.substr(0, assignment.find('='));
}

std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    bool overridden = false;
    for (const auto& x : extra)
      if (env_name(x) == env_name(entry)) overridden = true;
    if (!overridden) env.push_back(std::move(entry));
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string errno_text(const char* what) {
  std::string text(what);
  text += ": ";
  text += std::strerror(errno);
  return text;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env, const ProcessLimits& limits) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(extra_env);
  auto arg_ptrs = pointers(args);
  auto env_ptrs = pointers(env);

  int out[2], err[2], exec_check[2];
  if (pipe(out) != 0) {
    result.error = errno_text("pipe");
    return result;
  }
  if (pipe(err) != 0 || pipe2(exec_check, O_CLOEXEC) != 0) {
    result.error = errno_text("pipe");
    close(out[0]);
    close(out[1]);
    return result;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    result.error = errno_text("fork");
    for (int fd : {out[0], out[1], err[0], err[1], exec_check[0], exec_check[1]}) close(fd);
    return result;
  }
  if (pid == 0) {
    setpgid(0, 0);  // its own group, so a timeout kills what it started too
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    for (int fd : {out[0], out[1], err[0], err[1], exec_check[0]}) close(fd);
    execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    const int code = errno;
    [[maybe_unused]] auto n = write(exec_check[1], &code, sizeof code);
    _exit(127);
  }
  setpgid(pid, pid);
  close(out[1]);
  close(err[1]);
  close(exec_check[1]);
  int exec_errno = 0;
  ssize_t got;
  while ((got = read(exec_check[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR) {
  }
  close(exec_check[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    close(out[0]);
    close(err[0]);
    wait_for(pid);
    result.error = "cannot run ";
    result.error += argv[0];
    result.error += ": ";
    result.error += std::strerror(exec_errno);
    return result;
  }
  result.started = true;

  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[8192];
  while (open_fds > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    const int ready = poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) {
      kill(-pid, SIGKILL);  // cannot watch it any more: do not wait for it blindly
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
    if (result.out.size() + result.err.size() > limits.max_output) {
      result.truncated = true;
      break;
    }
  }
  if (result.timed_out || result.truncated) kill(-pid, SIGKILL);
  for (auto& fd : fds)
    if (fd.fd >= 0) close(fd.fd);
  result.exit_code = wait_for(pid);
  return result;
}

std::string find_executable(const std::string& name, const std::string& path) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    // An empty PATH element is the current directory.
    std::string candidate = end > start ? path.substr(start, end - start) : std::string(1, '.');
    candidate.push_back('/');
    candidate += name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace detgw::support
