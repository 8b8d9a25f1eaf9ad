#include "core/support/subprocess.hpp"

#include <fcntl.h>
#if __has_include(<linux/close_range.h>)
#include <linux/close_range.h>
#endif
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace detgw::support {
namespace {

using Clock = std::chrono::steady_clock;

std::string env_name(const std::string& assignment) {
  return assignment.substr(0, assignment.find('='));
}

// This process's environment, then `extra`; a name given later replaces an earlier one.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  auto given_after = [&](const std::string& name, std::size_t from) {
    for (std::size_t i = from; i < extra.size(); ++i)
      if (env_name(extra[i]) == name) return true;
    return false;
  };
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    if (!given_after(env_name(entry), 0)) env.push_back(std::move(entry));
  }
  for (std::size_t i = 0; i < extra.size(); ++i)
    if (!given_after(env_name(extra[i]), i + 1)) env.push_back(extra[i]);
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

// A descriptor that becomes readable when `pid` exits; -1 where the kernel has none (< 5.3).
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// Whether `pid` has exited (not reaped yet) by `deadline`.
bool exits_by(pid_t pid, int pidfd, Clock::time_point deadline) {
  for (;;) {
    siginfo_t info{};
    const int rc = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (rc == 0 && info.si_pid == pid) return true;
    if (rc < 0 && errno != EINTR) return true;  // nothing left to wait for
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    } else {
      poll(nullptr, 0, static_cast<int>(std::min<long long>(left, 10)));
    }
  }
}

// In the child, between fork and exec (async-signal-safe calls only): every descriptor from 3
// up closes at exec, whoever opened it and however (libcurl sockets, a caller's files).
void close_inherited_at_exec(int highest_fd) {
#if defined(SYS_close_range) && defined(CLOSE_RANGE_CLOEXEC)
  if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
  for (int fd = 3; fd <= highest_fd; ++fd) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int highest_possible_fd() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 65535;
  return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1u << 20)) - 1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env, const ProcessLimits& limits,
                          const ProcessStreams& streams) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(extra_env);
  auto arg_ptrs = pointers(args);
  auto env_ptrs = pointers(env);
  const int highest_fd = highest_possible_fd();
  const bool own_group = !streams.inherit_stdin;

  // Every pipe is close-on-exec, so a program another thread starts meanwhile gets none of it.
  int out[2] = {-1, -1}, err[2] = {-1, -1}, exec_check[2] = {-1, -1};
  auto close_all = [&] {
    for (int fd : {out[0], out[1], err[0], err[1], exec_check[0], exec_check[1]})
      if (fd >= 0) close(fd);
  };
  if (pipe2(out, O_CLOEXEC) != 0 || (!streams.inherit_stderr && pipe2(err, O_CLOEXEC) != 0) ||
      pipe2(exec_check, O_CLOEXEC) != 0) {
    result.error = errno_text("pipe");
    close_all();
    return result;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    result.error = errno_text("fork");
    close_all();
    return result;
  }
  if (pid == 0) {
    if (own_group) setpgid(0, 0);  // a timeout then kills what it started too
    if (!streams.inherit_stdin) {
      const int devnull = open("/dev/null", O_RDONLY);
      if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    }
    dup2(out[1], STDOUT_FILENO);  // dup2 clears close-on-exec on 1 and 2
    if (!streams.inherit_stderr) dup2(err[1], STDERR_FILENO);
    close_inherited_at_exec(highest_fd);
    execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    const int code = errno;
    [[maybe_unused]] auto n = write(exec_check[1], &code, sizeof code);
    _exit(127);
  }
  if (own_group) setpgid(pid, pid);  // also here: no window where a kill misses the group
  const pid_t kill_target = own_group ? -pid : pid;
  close(out[1]);
  if (err[1] >= 0) close(err[1]);
  close(exec_check[1]);
  int exec_errno = 0;
  ssize_t got;
  while ((got = read(exec_check[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR) {
  }
  close(exec_check[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    close(out[0]);
    if (err[0] >= 0) close(err[0]);
    wait_for(pid);
    result.error = "cannot run ";
    result.error += argv[0];
    result.error += ": ";
    result.error += std::strerror(exec_errno);
    return result;
  }
  result.started = true;
  const int pidfd = open_pidfd(pid);

  const auto deadline = Clock::now() + limits.timeout;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = err[0] >= 0 ? 2 : 1;
  char buf[8192];
  while (open_fds > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    const int ready = poll(fds, 2, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) {
      kill(kill_target, SIGKILL);  // cannot watch it any more: do not wait for it blindly
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
  // A program may close its output and go on running: the deadline holds until it exits.
  if (!result.timed_out && !result.truncated && !exits_by(pid, pidfd, deadline))
    result.timed_out = true;
  if (result.timed_out || result.truncated) kill(kill_target, SIGKILL);
  for (auto& fd : fds)
    if (fd.fd >= 0) close(fd.fd);
  if (pidfd >= 0) close(pidfd);
  result.exit_code = wait_for(pid);
  return result;
}

std::string find_executable(const std::string& name, const std::string& path) {
  auto executable = [](const std::string& candidate) {
    struct stat st {};
    return stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           access(candidate.c_str(), X_OK) == 0;
  };
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return executable(name) ? name : "";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    // An empty PATH element is the current directory.
    std::string candidate = end > start ? path.substr(start, end - start) : std::string(1, '.');
    candidate.push_back('/');
    candidate += name;
    if (executable(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace detgw::support
