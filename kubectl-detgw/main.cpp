// kubectl detgw: live operations on the Gateway the Determined master uses. Argument parsing
// and printing only; the work is in core/app.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "cli/guarded_main.hpp"
#include "core/app/exit_code.hpp"
#include "kubectl-detgw/capacity_command.hpp"
#include "kubectl-detgw/complete_command.hpp"
#include "kubectl-detgw/config_command.hpp"
#include "kubectl-detgw/doctor_command.hpp"
#include "kubectl-detgw/prune_command.hpp"
#include "kubectl-detgw/status_command.hpp"
#include "kubectl-detgw/version_command.hpp"

namespace {

// `kubectl detgw frobnicate`: say which word is wrong and what the commands are, as kubectl does.
bool unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string word = argv[1];
  std::string names;
  const auto visible = [](const CLI::App* sub) { return !sub->get_group().empty(); };
  for (const auto* sub : app.get_subcommands(visible)) {
    if (sub->get_name() == word) return false;
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  std::cerr << "Error: unknown command \"" << word << "\" for \"kubectl detgw\"\n"
            << "Available commands: " << names << "\n"
            << "Run 'kubectl detgw --help' for usage.\n";
  return true;
}

// Whether `option` ("--context", "-n") takes a value in any subcommand.
bool takes_value(const CLI::App& app, const std::string& option) {
  for (const auto* sub : app.get_subcommands({}))
    if (const auto* o = sub->get_option_no_throw(option)) return o->get_expected_min() > 0;
  return false;
}

// What kubectl accepts and CLI11 does not: flags before the command (`kubectl detgw --context
// prod status`) are moved behind its name, where the command declares them; `-v=8` becomes
// `-v8` (CLI11 would read the value "=8").
std::vector<std::string> kubectl_style(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (auto& a : args)
    if (a.size() > 3 && a[0] == '-' && a[1] != '-' && a[2] == '=' &&
        takes_value(app, a.substr(0, 2)))
      a.erase(2, 1);
  std::size_t i = 1;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-' && args[i] != "--") {
    const bool inline_value =
        args[i].find('=') != std::string::npos || (args[i][1] != '-' && args[i].size() > 2);
    i += !inline_value && takes_value(app, args[i]) ? 2 : 1;
  }
  if (i == 1 || i >= args.size()) return args;
  const bool is_command =
      !app.get_subcommands([&](const CLI::App* sub) { return sub->get_name() == args[i]; }).empty();
  if (!is_command) return args;
  std::rotate(args.begin() + 1, args.begin() + static_cast<std::ptrdiff_t>(i),
              args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  return args;
}

int run(int argc, char** argv) {
  using namespace detgw::kubectl_detgw;
  CLI::App app{"Operate the Gateway API Gateway of Determined's internal task gateway.",
               "kubectl detgw"};
  app.footer(
      "Examples:\n"
      "  kubectl detgw status -A\n"
      "  kubectl detgw doctor --gateway projectcontour/contour\n"
      "  kubectl detgw doctor --values values.yaml --rm east --pre\n"
      "  kubectl detgw config --gateway projectcontour/contour\n"
      "  kubectl detgw prune -A --yes\n"
      "  kubectl detgw capacity --set-max-listeners 128\n"
      "  kubectl detgw version -o json\n");
  StatusCommand status(app);
  DoctorCommand doctor(app);
  ConfigCommand config(app);
  PruneCommand prune(app);
  CapacityCommand capacity(app);
  VersionCommand version(app);
  if (auto completed = run_completion(app, argc, argv)) return *completed;
  std::vector<std::string> args = kubectl_style(app, argc, argv);
  std::vector<char*> arg_ptrs;
  for (auto& a : args) arg_ptrs.push_back(a.data());
  argv = arg_ptrs.data();
  if (unknown_command(app, argc, argv)) return detgw::app::kExitUsage;
  if (argc < 2) {
    std::cout << app.help();
    return detgw::app::kExitOk;
  }
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? detgw::app::kExitOk : detgw::app::kExitUsage;
  }
  for (const Command* c :
       std::initializer_list<const Command*>{&status, &doctor, &config, &prune, &capacity})
    if (c->ran()) return c->exit_code();
  return version.ran() ? version.exit_code() : detgw::app::kExitOk;
}

}  // namespace

// An exception that gets this far is a bug; the command failed on its cluster work (exit 4).
int main(int argc, char** argv) {
  return detgw::cli::guarded_main(run, argc, argv, detgw::app::kExitCluster);
}
