#pragma once
// `helm-multirm __complete WORDS...`: shell completion, run by helm through the plugin's
// `plugin.complete` script (Helm's dynamic plugin completion).

#include <CLI/CLI.hpp>
#include <optional>

namespace detgw::helm_multirm {

// Call after every command is added to `app` and before parsing: when argv asks for a
// completion, prints it and returns the exit code.
std::optional<int> run_completion(CLI::App& app, int argc, const char* const* argv);

}  // namespace detgw::helm_multirm
