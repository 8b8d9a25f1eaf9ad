#include "kubectl-detgw/doctor_command.hpp"

#include <unistd.h>

#include <iostream>

#include "core/app/doctor.hpp"
#include "core/app/exit_code.hpp"
#include "core/report/format.hpp"
#include "core/report/terminal.hpp"
#include "core/version.hpp"

namespace detgw::kubectl_detgw {

DoctorCommand::DoctorCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "doctor", "Check the cluster, the Gateway API CRDs and the Gateway the master uses");
  kube_.add_to(*cmd);
  describe_output(*cmd, {"text", "json", "yaml", "sarif", "junit", "github"});
  gateway_.add_to(*cmd);
  cmd->add_flag("--pre", pre_,
                "Also check that your identity (the master's, before install) may manage "
                "Gateways, TCPRoutes and Services");
  cmd->add_option("--as-master", as_master_,
                  "Check the permissions of this subject instead "
                  "(system:serviceaccount:NS:NAME, or a user name)");
  cmd->add_flag("--strict", strict_, "Fail on warnings too");
  cmd->add_option("--color", color_, "auto, always or never")->capture_default_str();
  cmd->add_option("--disable", disable_, "Turn a check off (repeatable)")->allow_extra_args(false);
  cmd->add_option("--enable", enable_, "Turn a disabled check back on (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--suppress", suppress_, "Silence one finding: CODE=PATH, or CODE=PATH.*")
      ->allow_extra_args(false);
  cmd->footer(
      "Output: text (default), json, yaml, sarif, junit, github. Every check is listed with its\n"
      "outcome; findings have the codes of docs/rules/LIV*.md.\n"
      "\n"
      "Examples:\n"
      "  kubectl detgw doctor -A\n"
      "  kubectl detgw doctor --values values.yaml --rm east --context east\n"
      "  kubectl detgw doctor --gateway projectcontour/contour --pre\n"
      "  kubectl detgw doctor --gateway projectcontour/contour \\\n"
      "      --as-master system:serviceaccount:determined:determined-master -o json\n"
      "\n"
      "Exit codes: 0 no problems at the fail level, 1 problems found, 2 usage error,\n"
      "3 --values unreadable, 4 cluster unreachable or a permission doctor itself needs.\n");
  cmd->callback([this] { run(); });
}

void DoctorCommand::run() {
  ran_ = true;
  auto format = report::parse_format(kube_.output);
  auto color = report::parse_color_mode(color_);
  if (!format || !color) {
    std::cerr << "Error: "
              << (!format ? "unknown output format \"" + kube_.output + "\" (use " +
                                std::string(report::format_names()) + ")"
                          : "--color must be auto, always or never")
              << "\n";
    exit_code_ = app::kExitUsage;
    return;
  }
  app::DoctorOptions options;
  static_cast<app::LiveOptions&>(options) = live_options(kube_, gateway_);
  options.pre = pre_;
  options.as_master = as_master_;
  options.strict = strict_;
  options.rules = {disable_, enable_, suppress_};

  app::CommandResult result = app::doctor(options);
  for (const auto& note : result.notes) std::cerr << "Warning: " << note << "\n";
  for (const auto& error : result.errors) print_error(error);
  // A report without checks says nothing was checked: never print it as a success.
  if (!result.report.checks.empty()) {
    report::FormatOptions format_options;
    format_options.color = report::use_color(*color, STDOUT_FILENO);
    format_options.version = kVersion;
    std::cout << report::format_report(result.report, *format, format_options);
  }
  exit_code_ = result.exit_code;
}

}  // namespace detgw::kubectl_detgw
