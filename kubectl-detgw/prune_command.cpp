#include "kubectl-detgw/prune_command.hpp"

#include <iostream>
#include <thread>

#include "core/app/exit_code.hpp"
#include "core/app/prune.hpp"
#include "core/report/format.hpp"
#include "kubectl-detgw/confirm.hpp"
#include "kubectl-detgw/listing_output.hpp"

namespace detgw::kubectl_detgw {
namespace {

rapidjson::Value items_json(const std::vector<live::PruneItem>& items, JsonAllocator& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& item : items) {
    rapidjson::Value v(rapidjson::kObjectType);
    v.AddMember("kind", json_text(std::string(live::to_string(item.kind)), a), a);
    v.AddMember("allocation", json_text(item.allocation, a), a);
    v.AddMember("port", item.port ? rapidjson::Value(*item.port) : rapidjson::Value(), a);
    v.AddMember("name", json_text(item.name, a), a);
    v.AddMember("reason", json_text(item.reason, a), a);
    out.PushBack(v, a);
  }
  return out;
}

rapidjson::Value gateway_json(const app::PruneResult& result, const app::GatewayPrune& g,
                              JsonAllocator& a) {
  const auto& o = g.outcome;
  rapidjson::Value gateway(rapidjson::kObjectType);
  gateway.AddMember("namespace", json_text(g.gateway.namespace_, a), a);
  gateway.AddMember("name", json_text(g.gateway.name, a), a);
  gateway.AddMember("cluster", json_text(result.cluster, a), a);
  rapidjson::Value running(rapidjson::kArrayType);
  for (const auto& r : o.running) running.PushBack(json_text(r, a), a);
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("gateway", gateway, a);
  out.AddMember("dryRun", !o.applied, a);
  out.AddMember("leaks", items_json(o.leaks, a), a);
  out.AddMember("removed", items_json(o.removed, a), a);
  out.AddMember("skipped", items_json(o.skipped, a), a);
  out.AddMember("conflictsRetried", o.conflicts, a);
  out.AddMember("runningAllocations", running, a);
  return out;
}

void print_items(const std::string& heading, const std::vector<live::PruneItem>& items) {
  if (items.empty()) return;
  std::cout << heading << "\n";
  for (const auto& item : items)
    std::cout << "  " << report::detail::printable(item.text() + ": " + item.reason, "    ")
              << "\n";
}

void print_text(const app::PruneResult& result, const app::GatewayPrune& g) {
  const auto& o = g.outcome;
  std::cout << "Gateway " << g.gateway.text() << " in " << result.cluster << "\n";
  if (o.leaks.empty()) {
    std::cout << "✔ nothing leaked\n";
    return;
  }
  if (!o.applied) {
    print_items("would remove:", o.leaks);
    std::cout << "dry run: nothing was removed; run with --yes to remove " << o.leaks.size()
              << " items\n";
    return;
  }
  print_items("removed:", o.removed);
  print_items("left alone (changed since it was observed):", o.skipped);
  if (o.conflicts > 0)
    std::cout << "the Gateway changed meanwhile " << o.conflicts
              << " times; each time the plan was made again\n";
}

}  // namespace

PruneCommand::PruneCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "prune", "Remove the listeners, annotations, TCPRoutes and Services that tasks leaked");
  kube_.add_to(*cmd);
  describe_output(*cmd, {"text", "json", "yaml"});
  gateway_.add_to(*cmd);
  cmd->add_flag("--yes", yes_,
                "Remove without asking (otherwise a dry run, or a question on a "
                "terminal)");
  cmd->add_option("--grace", grace_,
                  "Only what was already leaked this long ago is removed (a starting task has "
                  "a listener before its route)")
      ->capture_default_str();
  cmd->footer(
      "A leak: a det-* listener of an allocation with no TCPRoute, an ownership annotation\n"
      "without its listener, a TCPRoute whose listener is gone, and the Services of such an\n"
      "allocation. Never a listener without Determined's annotation, never anything of an\n"
      "allocation whose Job or Pod (label determined=<allocation>) exists. Every Gateway write is\n"
      "a JSON Patch with a test on each removed value, planned again if the Gateway changed.\n"
      "\n"
      "Examples:\n"
      "  kubectl detgw prune -A                       # what would go (dry run)\n"
      "  kubectl detgw prune --gateway projectcontour/contour --yes\n"
      "  kubectl detgw prune --values values.yaml --rm east --yes -o json\n"
      "\n"
      "Exit codes: 0 done (or dry run), 2 usage error, 3 --values unreadable, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void PruneCommand::run() {
  ran_ = true;
  if (!check_output(kube_.output, {"text", "json", "yaml"})) {
    exit_code_ = app::kExitUsage;
    return;
  }
  auto grace = kube::parse_request_timeout(grace_);
  if (!grace) {
    std::cerr << "Error: --grace takes a duration such as 30s, 2m or 0s, not \"" << grace_
              << "\"\n";
    exit_code_ = app::kExitUsage;
    return;
  }
  app::PruneOptions options;
  static_cast<app::LiveOptions&>(options) = live_options(kube_, gateway_);
  options.grace = *grace;
  options.progress = [](const std::string& line) { std::cerr << line << "\n"; };
  options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  const bool yes = yes_;
  options.confirm = [yes](const live::ObjectRef& gateway,
                          const std::vector<live::PruneItem>& leaks) {
    std::string details = "Leaked from Gateway " + gateway.text() + ":\n";
    for (const auto& item : leaks) details += "  " + item.text() + "\n";
    return confirm_write(yes, details, "Remove these " + std::to_string(leaks.size()) + " items?");
  };
  auto result = app::prune(options);
  if (kube_.output == "text") {
    bool first = true;
    for (const auto& g : result.gateways) {
      if (!first) std::cout << "\n";
      first = false;
      print_text(result, g);
    }
  } else {
    rapidjson::Document doc;
    std::vector<rapidjson::Value> items;
    for (const auto& g : result.gateways)
      items.push_back(gateway_json(result, g, doc.GetAllocator()));
    print_listing(doc, items, kube_.output);
  }
  for (const auto& e : result.errors) print_error(e);
  exit_code_ = result.exit_code;
}

}  // namespace detgw::kubectl_detgw
