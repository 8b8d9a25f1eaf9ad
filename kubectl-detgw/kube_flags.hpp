#pragma once
// The flags every kubectl detgw command shares, declared in one place: the standard kubectl
// flags, and how the live commands choose their Gateway.

#include <CLI/CLI.hpp>

#include "core/app/live_session.hpp"
#include "core/kube/client_config.hpp"

namespace detgw::kubectl_detgw {

struct KubeFlags {
  kube::ConfigOverrides overrides;
  int verbosity = 0;
  std::string output = "text";
  bool no_headers = false;

  void add_to(CLI::App& command);
  kube::Logger logger() const { return kube::Logger(verbosity, {}); }
};

// --gateway, --values, --rm, --input-format, -A.
struct GatewayFlags {
  app::GatewaySelection selection;

  void add_to(CLI::App& command);
};

// The options of a live command: kubectl flags + Gateway selection + the User-Agent.
app::LiveOptions live_options(const KubeFlags& kube, const GatewayFlags& gateway);

// Prints `Error: message` on stderr.
void print_error(const Error& error);

// "text, json or yaml": for --help, completion and usage errors.
std::string format_list(std::initializer_list<std::string_view> formats);
// Lists the formats in the --output help (which completion offers).
void describe_output(CLI::App& command, std::initializer_list<std::string_view> formats);
// Whether `output` is one of `allowed`; says so on stderr when not.
bool check_output(const std::string& output, std::initializer_list<std::string_view> allowed);

}  // namespace detgw::kubectl_detgw
