#include "helm-multirm/lint_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/app/exit_code.hpp"
#include "core/app/lint.hpp"
#include "core/app/lint_live.hpp"
#include "core/app/live_session.hpp"
#include "core/kube/client_config.hpp"
#include "core/report/format.hpp"
#include "core/report/terminal.hpp"
#include "core/support/go_bool.hpp"
#include "core/version.hpp"

namespace detgw::helm_multirm {

LintCommand::LintCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand("lint",
                                    "Check values (or a master/devcluster config) for "
                                    "mistakes the Determined master would crash on");
  values_.add_to(*cmd);
  cmd->add_option("--input-format", input_format_, "auto, values, master or devcluster")
      ->capture_default_str();
  cmd->add_option("-o,--output", output_, "text, json, yaml, sarif, junit or github")
      ->capture_default_str();
  cmd->add_option("--color", color_, "auto, always or never")->capture_default_str();
  cmd->add_option("--max-listeners", max_listeners_,
                  "Gateway listener cap assumed by capacity "
                  "rules")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--upgrade", upgrade_,
                "The release exists (helm upgrade): skip checks only a first install makes");
  cmd->add_flag("--no-chart-render", no_chart_render_,
                "With CHART: do not render it with helm template (HLM012)");
  cmd->add_flag("--live", live_,
                "Also check the clusters the values name: their kubeconfig Secrets in the "
                "release namespace (helm -n, --kube-context), access, permissions, Gateways");
  cmd->add_flag("-v,--verbose", verbose_,
                "Also say on stderr how the input was read (the shape detected); on with "
                "helm --debug");
  cmd->add_option("--timeout", timeout_, "With --live: how long one cluster may take to answer")
      ->capture_default_str();
  rules_.add_to(*cmd);
  cmd->footer(
      "Examples:\n"
      "  helm multirm lint -f values.yaml\n"
      "  helm multirm lint -f values.yaml -f prod.yaml --set maxSlotsPerPod=4\n"
      "  helm multirm lint ./determined -f values.yaml -o sarif > lint.sarif\n"
      "  helm multirm lint -f master.yaml --input-format master --strict\n"
      "  helm multirm lint -f devcluster.yaml --disable MRM005\n"
      "  helm multirm lint -f values.yaml --upgrade\n"
      "  helm multirm lint -f values.yaml -f east-values.yaml --live -n det --kube-context prod\n"
      "\n"
      "Exit codes: 0 no problems at the fail level, 1 problems found, 2 usage error,\n"
      "3 input unreadable, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void LintCommand::run() {
  ran_ = true;
  auto usage = [this](const std::string& message) {
    std::cerr << "Error: " << message << "\n";
    exit_code_ = app::kExitUsage;
  };
  auto format = report::parse_format(output_);
  if (!format) return usage("unknown output format \"" + output_ + "\"");
  auto color = report::parse_color_mode(color_);
  if (!color) return usage("--color must be auto, always or never");
  auto input_format = app::parse_input_format(input_format_);
  if (!input_format) return usage("--input-format must be auto, values, master or devcluster");
  auto timeout = kube::parse_request_timeout(timeout_);
  if (!timeout || timeout->count() <= 0) return usage("--timeout must be a duration such as 10s");

  app::LintOptions options;
  values_.fill(options);
  options.input_format = *input_format;
  options.max_listeners = max_listeners_;
  options.strict = rules_.strict;
  options.upgrade = upgrade_;
  options.chart_render = !no_chart_render_;
  options.selection = rules_.selection();

  app::CommandResult result;
  if (live_) {
    app::LiveLintOptions live;
    live.timeout = *timeout;
    live.user_agent = app::user_agent("helm-multirm");
    // A progress line, only on a terminal and only once the run takes over a second.
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    const auto started = std::chrono::steady_clock::now();
    bool shown = false;
    live.progress = [&](std::size_t done, std::size_t total) {
      if (!tty || std::chrono::steady_clock::now() - started < std::chrono::seconds(1)) return;
      std::cerr << "\rchecking clusters: " << done << "/" << total << " done" << std::flush;
      shown = true;
    };
    result = app::lint_live(options, live);
    if (shown) std::cerr << "\r\033[K" << std::flush;
  } else {
    result = app::lint(options);
  }
  // Helm passes `helm --debug` to plugins as HELM_DEBUG.
  const bool verbose =
      verbose_ || go_parse_bool(app::process_env("HELM_DEBUG").value_or("")).value_or(false);
  if (verbose)
    for (const auto& line : result.info) std::cerr << line << "\n";
  for (const auto& note : result.notes) std::cerr << note << "\n";
  for (const auto& error : result.errors) std::cerr << "Error: " << error.describe() << "\n";
  if (result.exit_code != app::kExitUsage) {
    report::FormatOptions format_options;
    format_options.color = report::use_color(*color, STDOUT_FILENO);
    format_options.version = kVersion;
    std::cout << report::format_report(result.report, *format, format_options);
  }
  exit_code_ = result.exit_code;
}

}  // namespace detgw::helm_multirm
