#pragma once
// What both plugins' main() does around their real work.

namespace detgw::cli {

// Runs `run`. Nothing may end the process with an abort: an exception that gets this far is a
// bug, said as such on stderr, and the command fails with `failure_exit`.
int guarded_main(int (*run)(int, char**), int argc, char** argv, int failure_exit);

}  // namespace detgw::cli
