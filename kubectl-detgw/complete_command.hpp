#pragma once
// `kubectl detgw __complete WORDS...`: shell completion, run by kubectl through the
// `kubectl_complete-detgw` script (kubectl's plugin completion convention).

#include <CLI/CLI.hpp>
#include <optional>

namespace detgw::kubectl_detgw {

// Call after every command is added to `app` and before parsing: when argv asks for a
// completion, prints it and returns the exit code.
std::optional<int> run_completion(CLI::App& app, int argc, const char* const* argv);

}  // namespace detgw::kubectl_detgw
