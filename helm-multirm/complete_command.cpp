#include "helm-multirm/complete_command.hpp"

#include "cli/completion.hpp"
#include "cli/rule_codes.hpp"

namespace detgw::helm_multirm {

std::optional<int> run_completion(CLI::App& app, int argc, const char* const* argv) {
  return cli::complete_if_asked(
      app, argc, argv, [](cli::Completer& completer) { cli::add_rule_code_sources(completer); });
}

}  // namespace detgw::helm_multirm
