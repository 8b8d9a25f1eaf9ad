#include "helm-multirm/add_cluster_command.hpp"

#include <unistd.h>

#include <iostream>

#include "core/app/add_cluster.hpp"
#include "core/app/exit_code.hpp"
#include "core/app/live_session.hpp"
#include "core/kube/client_config.hpp"
#include "core/report/format.hpp"
#include "core/report/terminal.hpp"
#include "core/version.hpp"

namespace detgw::helm_multirm {
namespace {

// "A-B" → {A, B}.
std::optional<std::pair<long, long>> parse_range(const std::string& text) {
  const auto dash = text.find('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == text.size()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long a = std::stol(text.substr(0, dash), &used);
    if (used != dash) return std::nullopt;
    const std::string rest = text.substr(dash + 1);
    const long b = std::stol(rest, &used);
    if (used != rest.size()) return std::nullopt;
    return std::pair{a, b};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

AddClusterCommand::AddClusterCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "add-cluster",
      "Onboard one more cluster: a Secret with its kubeconfig and a values overlay with its RM");
  cmd->add_option("NAME", name_, "The new RM's cluster_name")->required();
  cmd->add_option("--cluster-kubeconfig", cluster_kubeconfig_,
                  "Kubeconfig with the new cluster's credentials (default: KUBECONFIG, "
                  "~/.kube/config)");
  cmd->add_option("--cluster-context", cluster_context_,
                  "Context of the new cluster (default: that kubeconfig's current context)");
  cmd->add_option("--pool", pools_, "A resource pool of the new RM (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--max-slots-per-pod", max_slots_per_pod_, "max_slots_per_pod of the new RM")
      ->check(CLI::Range(0L, 2147483647L));
  cmd->add_option("--default-namespace", default_namespace_, "default_namespace of the new RM");
  cmd->add_option("--master-host", master_host_,
                  "determined_master_host: how tasks reach the master");
  cmd->add_option("--master-port", master_port_, "determined_master_port")
      ->check(CLI::Range(1L, 65535L));
  cmd->add_option("--master-scheme", master_scheme_, "determined_master_scheme (http or https)");
  cmd->add_option("--gateway", gateway_, "internal_task_gateway: the Gateway NS/NAME");
  cmd->add_option("--gateway-ip", gateway_ip_, "internal_task_gateway: gateway_ip");
  cmd->add_option("--port-range", port_range_, "internal_task_gateway: the port range A-B");
  cmd->add_option("--secret-name", secret_name_,
                  "kubeconfig_secret_name (default: NAME-kubeconfig)");
  cmd->add_option("--secret-key", secret_key_, "kubeconfig_secret_value: the key in the Secret")
      ->capture_default_str();
  cmd->add_option("-f,--values", values_files_, "The existing values (repeatable, in order)")
      ->allow_extra_args(false);
  cmd->add_option("--secret-out", secret_out_,
                  "Where to write the Secret manifest (default: NAME-kubeconfig-secret.yaml)");
  cmd->add_option("--values-out", values_out_,
                  "Where to write the values overlay (default: NAME-values.yaml)");
  cmd->add_flag("--allow-exec", allow_exec_,
                "Accept credentials that need an exec plugin or auth-provider");
  cmd->add_option("--service-account", service_account_,
                  "Create this ServiceAccount with the master's RBAC in the new cluster and use "
                  "its token");
  cmd->add_option("--service-account-namespace", service_account_namespace_,
                  "Its namespace (default: --default-namespace, else default)");
  cmd->add_option("--token-duration", token_duration_,
                  "Lifetime asked for the ServiceAccount token")
      ->capture_default_str();
  cmd->add_option("--color", color_, "auto, always or never")->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  helm multirm add-cluster east -f values.yaml --cluster-context east-admin \\\n"
      "      --pool east-gpu --max-slots-per-pod 8 --master-host det.example.com "
      "--master-port 8080\n"
      "  helm multirm add-cluster east -f values.yaml --cluster-kubeconfig east.yaml \\\n"
      "      --service-account determined-master --pool east --max-slots-per-pod 4 \\\n"
      "      --master-host 10.0.0.5 --master-port 8080 \\\n"
      "      --gateway projectcontour/contour --gateway-ip 10.0.0.9 --port-range 40000-40063\n"
      "  kubectl apply -f east-kubeconfig-secret.yaml && helm upgrade det ./determined "
      "-f values.yaml -f east-values.yaml\n"
      "\n"
      "The Secret is for the release namespace (helm -n). Files are written with mode 0600;\n"
      "credentials are never printed.\n"
      "Exit codes: 0 written, 1 the overlay has errors (nothing written), 2 usage error,\n"
      "3 input unreadable, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void AddClusterCommand::run() {
  ran_ = true;
  auto usage = [this](const std::string& message) {
    std::cerr << "Error: " << message << "\n";
    exit_code_ = app::kExitUsage;
  };
  auto color = report::parse_color_mode(color_);
  if (!color) return usage("--color must be auto, always or never");

  app::AddClusterOptions options;
  auto& c = options.cluster;
  c.name = name_;
  c.pools = pools_;
  if (max_slots_per_pod_ >= 0) c.max_slots_per_pod = max_slots_per_pod_;
  c.default_namespace = default_namespace_;
  c.master_host = master_host_;
  if (master_port_ >= 0) c.master_port = master_port_;
  c.master_scheme = master_scheme_;
  c.secret_name = secret_name_;
  c.secret_key = secret_key_;
  if (!gateway_.empty() || !gateway_ip_.empty() || !port_range_.empty()) {
    if (gateway_.empty() || gateway_ip_.empty() || port_range_.empty())
      return usage("--gateway, --gateway-ip and --port-range go together");
    auto [ns, name] = onboard::split_namespaced(gateway_);
    if (ns.empty() || name.empty()) return usage("--gateway must be NAMESPACE/NAME");
    auto range = parse_range(port_range_);
    if (!range) return usage("--port-range must be START-END, e.g. 40000-40063");
    c.gateway = onboard::GatewaySpec{ns, name, gateway_ip_, range->first, range->second};
  }
  auto duration = kube::parse_request_timeout(token_duration_);
  if (!duration || duration->count() < 600000)
    return usage("--token-duration must be a duration of at least 10m, e.g. 8760h");
  options.token_duration = std::chrono::duration_cast<std::chrono::seconds>(*duration);
  options.cluster_kubeconfig = cluster_kubeconfig_;
  options.cluster_context = cluster_context_;
  options.values_files = values_files_;
  options.release_namespace = options.env.get("HELM_NAMESPACE").value_or("default");
  options.allow_exec = allow_exec_;
  options.service_account = service_account_;
  options.service_account_namespace = service_account_namespace_;
  options.secret_out = secret_out_;
  options.values_out = values_out_;
  options.user_agent = app::user_agent("helm-multirm");

  auto result = app::add_cluster(std::move(options));
  for (const auto& error : result.errors) std::cerr << "Error: " << error.describe() << "\n";
  if (!result.lint.report.findings.empty()) {
    report::FormatOptions format_options;
    format_options.color = report::use_color(*color, STDERR_FILENO);
    format_options.version = kVersion;
    std::cerr << report::format_report(result.lint.report, report::Format::Text, format_options);
  }
  for (const auto& line : result.lines) std::cout << line << "\n";
  exit_code_ = result.exit_code;
}

}  // namespace detgw::helm_multirm
