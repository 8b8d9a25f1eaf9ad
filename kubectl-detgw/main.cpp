// kubectl detgw: live operations on the Gateway the Determined master uses.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Operate the Gateway API Gateway of Determined's internal task gateway.",
               "kubectl detgw"};
  app.require_subcommand(1);
  auto* version = app.add_subcommand("version", "Print the client version");
  version->callback([] { std::cout << "kubectl-detgw " << detgw::kVersion << "\n"; });
  app.footer(
      "Examples:\n"
      "  kubectl detgw version\n");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}
