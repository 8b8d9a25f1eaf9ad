#include "helm-multirm/render_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "core/app/exit_code.hpp"
#include "core/app/render.hpp"
#include "core/report/format.hpp"
#include "core/report/terminal.hpp"
#include "core/version.hpp"

namespace detgw::helm_multirm {
namespace {

// POOL / CLUSTER / WHERE, one row per pool of the rendered config.
std::string pool_table(const std::vector<app::PoolPlacement>& pools) {
  std::size_t pool_width = 4, cluster_width = 7;
  for (const auto& p : pools) {
    pool_width = std::max(pool_width, p.pool.size());
    cluster_width = std::max(cluster_width, p.cluster.size());
  }
  auto row = [&](const std::string& a, const std::string& b, const std::string& c) {
    std::string line = a;
    line.append(pool_width + 2 - a.size(), ' ');
    line += b;
    line.append(cluster_width + 2 - b.size(), ' ');
    line += c;
    line += '\n';
    return line;
  };
  std::string out = row("POOL", "CLUSTER", "WHERE");
  for (const auto& p : pools) out += row(p.pool, p.cluster, p.local ? "Local" : "Remote");
  return out;
}

}  // namespace

RenderCommand::RenderCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "render",
      "Print the resource-manager part of the master.yaml the Determined chart renders, and "
      "lint it");
  values_.add_to(*cmd);
  cmd->add_option("--release", release_, "Release name, as helm template uses it")
      ->capture_default_str();
  cmd->add_option("-o,--output", output_,
                  "text (the config, a pool table and the findings), or json, yaml, sarif, "
                  "junit, github (the findings)")
      ->capture_default_str();
  cmd->add_option("--color", color_, "auto, always or never")->capture_default_str();
  cmd->add_option("--max-listeners", max_listeners_,
                  "Gateway listener cap assumed by capacity rules")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  rules_.add_to(*cmd);
  cmd->footer(
      "The release namespace comes from HELM_NAMESPACE (helm's -n), default \"default\".\n"
      "\n"
      "Examples:\n"
      "  helm multirm render -f values.yaml\n"
      "  helm multirm render ./determined -f values.yaml --release det\n"
      "  helm multirm render -f values.yaml -o json\n"
      "\n"
      "Exit codes: 0 no problems at the fail level, 1 problems found, 2 usage error,\n"
      "3 input unreadable.\n");
  cmd->callback([this] { run(); });
}

void RenderCommand::run() {
  ran_ = true;
  auto usage = [this](const std::string& message) {
    std::cerr << "Error: " << message << "\n";
    exit_code_ = app::kExitUsage;
  };
  auto format = report::parse_format(output_);
  if (!format) return usage("unknown output format \"" + output_ + "\"");
  auto color = report::parse_color_mode(color_);
  if (!color) return usage("--color must be auto, always or never");

  app::RenderOptions options;
  values_.fill(options);
  options.max_listeners = max_listeners_;
  options.strict = rules_.strict;
  options.selection = rules_.selection();
  options.release.release = release_;
  if (auto ns = app::process_env("HELM_NAMESPACE"); ns && !ns->empty())
    options.release.namespace_ = *ns;

  app::RenderResult result = app::render(options);
  for (const auto& note : result.notes) std::cerr << note << "\n";
  for (const auto& error : result.errors) std::cerr << "Error: " << error.describe() << "\n";
  if (result.exit_code != app::kExitUsage) {
    report::FormatOptions format_options;
    format_options.color = report::use_color(*color, STDOUT_FILENO);
    format_options.version = kVersion;
    if (*format == report::Format::Text && !result.rendered.empty())
      std::cout << result.rendered << "\n" << pool_table(result.pools) << "\n";
    std::cout << report::format_report(result.report, *format, format_options);
  }
  exit_code_ = result.exit_code;
}

}  // namespace detgw::helm_multirm
