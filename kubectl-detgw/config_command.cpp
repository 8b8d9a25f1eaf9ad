#include "kubectl-detgw/config_command.hpp"

#include <iostream>

#include "core/app/exit_code.hpp"
#include "core/app/gateway_config.hpp"
#include "core/report/format.hpp"
#include "core/report/listing.hpp"
#include "kubectl-detgw/listing_output.hpp"

namespace detgw::kubectl_detgw {
namespace {

rapidjson::Value block_json(const app::GatewayConfigBlock& b, JsonAllocator& a) {
  rapidjson::Value gateway(rapidjson::kObjectType);
  gateway.AddMember("gateway_name", json_text(b.gateway.name, a), a);
  gateway.AddMember("gateway_namespace", json_text(b.gateway.namespace_, a), a);
  gateway.AddMember("gateway_ip", json_text(b.ip, a), a);
  if (b.range) {
    gateway.AddMember("gateway_port_range_start", b.range->start, a);
    gateway.AddMember("gateway_port_range_end", b.range->end, a);
  }
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("internal_task_gateway", gateway, a);
  return out;
}

}  // namespace

ConfigCommand::ConfigCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "config", "Print the internal_task_gateway block for the values, from the live Gateway");
  kube_.add_to(*cmd);
  describe_output(*cmd, {"yaml", "json"});
  gateway_.add_to(*cmd);
  cmd->footer(
      "The block belongs in an additional RM's resource_manager (the chart has no place for it\n"
      "on the primary RM). Its port range holds as many ports as the Gateway has room for\n"
      "listeners, and avoids every port in use.\n"
      "\n"
      "Examples:\n"
      "  kubectl detgw config --gateway projectcontour/contour --context east\n"
      "  kubectl detgw config -A -o json\n"
      "\n"
      "Exit codes: 0 printed, 1 no room for a port range, 2 usage error, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void ConfigCommand::run() {
  ran_ = true;
  if (!check_output(kube_.output, {"yaml", "text", "json"})) {
    exit_code_ = app::kExitUsage;
    return;
  }
  auto result = app::gateway_config(live_options(kube_, gateway_));
  for (const auto& b : result.blocks)
    for (const auto& w : b.warnings) std::cerr << "Warning: " << w << "\n";
  if (kube_.output == "json") {
    rapidjson::Document doc;
    std::vector<rapidjson::Value> items;
    for (const auto& b : result.blocks) items.push_back(block_json(b, doc.GetAllocator()));
    print_listing(doc, items, kube_.output);
  } else {
    bool first = true;
    for (const auto& b : result.blocks) {
      rapidjson::Document doc;
      auto value = block_json(b, doc.GetAllocator());
      static_cast<rapidjson::Value&>(doc).Swap(value);
      if (!first) std::cout << "---\n";
      first = false;
      std::cout << "# From Gateway " << report::detail::printable(b.gateway.text(), "") << " in "
                << report::detail::printable(result.cluster, "") << ": " << b.listeners << " of "
                << (b.cap ? std::to_string(*b.cap) : "?") << " listeners in use.\n"
                << "# Put it in an additional RM's resource_manager block.\n"
                << report::listing_yaml(doc);
    }
  }
  for (const auto& e : result.errors) print_error(e);
  exit_code_ = result.exit_code;
}

}  // namespace detgw::kubectl_detgw
