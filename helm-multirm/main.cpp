// helm multirm: pre-install validation of the Determined chart's values for several resource
// managers. Argument parsing and printing only; the work is in core/app.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/guarded_main.hpp"
#include "core/app/exit_code.hpp"
#include "core/version.hpp"
#include "helm-multirm/add_cluster_command.hpp"
#include "helm-multirm/complete_command.hpp"
#include "helm-multirm/lint_command.hpp"
#include "helm-multirm/render_command.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"Validate Determined values for several resource managers before helm install.",
               "helm multirm"};
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  helm multirm lint -f values.yaml\n"
      "  helm multirm lint ./determined -f values.yaml --set maxSlotsPerPod=4 -o sarif\n"
      "  helm multirm lint -f master.yaml --input-format master\n"
      "  helm multirm render -f values.yaml\n"
      "  helm multirm add-cluster east -f values.yaml --cluster-context east-admin ...\n");

  detgw::helm_multirm::LintCommand lint(app);
  detgw::helm_multirm::RenderCommand render(app);
  detgw::helm_multirm::AddClusterCommand add_cluster(app);
  auto* version = app.add_subcommand("version", "Print the plugin version");
  version->callback([] { std::cout << "helm-multirm " << detgw::kVersion << "\n"; });
  if (auto code = detgw::helm_multirm::run_completion(app, argc, argv)) return *code;

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? detgw::app::kExitOk : detgw::app::kExitUsage;
  }
  if (add_cluster.ran()) return add_cluster.exit_code();
  if (render.ran()) return render.exit_code();
  return lint.ran() ? lint.exit_code() : detgw::app::kExitOk;
}

}  // namespace

// An exception that gets this far is a bug; the command failed on its input (exit 3).
int main(int argc, char** argv) {
  return detgw::cli::guarded_main(run, argc, argv, detgw::app::kExitInput);
}
