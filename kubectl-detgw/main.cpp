// kubectl detgw: live operations on the Gateway the Determined master uses. Argument parsing
// and printing only; the work is in core/app.
#include <CLI/CLI.hpp>

#include "core/app/exit_code.hpp"
#include "kubectl-detgw/version_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Operate the Gateway API Gateway of Determined's internal task gateway.",
               "kubectl detgw"};
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  kubectl detgw version\n"
      "  kubectl detgw version --context east -o json\n");
  detgw::kubectl_detgw::VersionCommand version(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? detgw::app::kExitOk : detgw::app::kExitUsage;
  }
  return version.ran() ? version.exit_code() : detgw::app::kExitOk;
}
