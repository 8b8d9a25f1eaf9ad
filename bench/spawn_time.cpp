// spawn_time: runs a command RUNS times and prints, per run, its wall time in seconds, its peak
// RSS in KiB (the largest process of the tree it waited for, as wait4 reports it) and its exit
// status. A process of its own, so the measurement costs one posix_spawn, not a shell or Python.
//   spawn_time RUNS [--warmup N] -- COMMAND [ARGS...]    (the command's output goes to /dev/null)
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

extern char** environ;

namespace {

struct Run {
  double seconds = 0;
  long max_rss_kib = 0;
  int exit_code = 0;
};

bool run_once(char** argv, Run& run) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::fprintf(stderr, "spawn_time: cannot run %s: %s\n", argv[0], std::strerror(rc));
    return false;
  }
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("spawn_time: wait4");
    return false;
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.max_rss_kib = usage.ru_maxrss;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int first = 2, warmup = 1;
  if (argc > 3 && std::strcmp(argv[2], "--warmup") == 0) {
    warmup = std::atoi(argv[3]);
    first = 4;
  }
  if (argc < first + 2 || std::strcmp(argv[first], "--") != 0 || std::atoi(argv[1]) < 1) {
    std::fprintf(stderr, "usage: spawn_time RUNS [--warmup N] -- COMMAND [ARGS...]\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  char** command = argv + first + 1;
  Run run;
  for (int i = 0; i < warmup; ++i)
    if (!run_once(command, run)) return 1;
  for (int i = 0; i < runs; ++i) {
    if (!run_once(command, run)) return 1;
    std::printf("%.6f %ld %d\n", run.seconds, run.max_rss_kib, run.exit_code);
  }
  return 0;
}
