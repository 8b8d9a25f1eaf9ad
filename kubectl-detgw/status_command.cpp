#include "kubectl-detgw/status_command.hpp"

#include <iostream>

#include "core/app/exit_code.hpp"
#include "core/app/status.hpp"
#include "core/report/format.hpp"
#include "kubectl-detgw/listing_output.hpp"

namespace detgw::kubectl_detgw {
namespace {

using live::ListenerRow;
using Json = rapidjson::Document;

// Column budgets that keep a text row within 100 columns; -o wide shows everything.
constexpr std::size_t kOwnerWidth = 18, kRouteWidth = 24, kBackendWidth = 18;

// Long allocation and route names differ at both ends: keep both, drop the middle.
std::string fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  const std::size_t head = (width - 1) / 2, tail = width - 1 - head;
  return text.substr(0, head) + "~" + text.substr(text.size() - tail);
}

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

std::string port_text(const ListenerRow& row) { return row.port ? std::to_string(*row.port) : "-"; }

// "service:port" (the namespace is the route's).
std::string backend_short(const std::string& backend) {
  const auto slash = backend.find('/');
  return slash == std::string::npos ? backend : backend.substr(slash + 1);
}

std::string conditions_text(const std::vector<live::Condition>& conditions) {
  std::string text;
  for (const auto& c : conditions) text += (text.empty() ? "" : ",") + c.type + "=" + c.status;
  return text;
}

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << report::detail::printable(line, "") << "\n";
  }
}

std::string summary_line(const live::ListenerSummary& s) {
  std::string line = std::to_string(s.listeners) + "/" +
                     (s.spec_cap ? std::to_string(*s.spec_cap) : "?") + " listeners";
  if (s.status_cap && s.status_cap != s.spec_cap)
    line += " (status cap " + std::to_string(*s.status_cap) + ")";
  line += ", " + std::to_string(s.determined) + " Determined, " + std::to_string(s.foreign) +
          " foreign";
  if (s.range_start && s.range_end) {
    line += "; range " + std::to_string(*s.range_start) + "-" + std::to_string(*s.range_end);
    if (s.free_in_range) line += ": " + std::to_string(*s.free_in_range) + " ports free";
  }
  if (auto room = s.headroom()) line += "; room for " + std::to_string(*room) + " more";
  if (s.problems > 0) line += "; " + std::to_string(s.problems) + " need attention";
  return line;
}

void print_text(const app::StatusResult& result, const app::GatewayStatus& gs, bool wide,
                bool headers) {
  const auto& gw = *gs.snapshot.gateway;
  if (headers) {
    std::cout << "Gateway " << gw.ref.text() << " in " << result.cluster;
    if (!gs.rm.empty()) std::cout << ", RM " << gs.rm;
    std::cout << "\n";
  }
  std::vector<std::vector<std::string>> rows;
  if (headers) {
    rows.push_back({"PORT", "LISTENER", "OWNER", "ROUTE", "BACKEND", "STATE"});
    if (wide)
      for (const char* extra : {"JOB", "ATTACHED", "CONDITIONS", "DETAIL"})
        rows.back().push_back(extra);
  }
  for (const auto& row : gs.table.rows) {
    const std::string route = row.routes.empty() ? "" : row.routes.front();
    const std::string more =
        row.routes.size() > 1 ? " (+" + std::to_string(row.routes.size() - 1) + ")" : "";
    std::vector<std::string> cells = {
        port_text(row),
        or_dash(row.listener),
        wide ? row.owner : fit(row.owner, kOwnerWidth),
        or_dash(wide ? route + more : fit(route, kRouteWidth)),
        or_dash(wide ? row.backend : fit(backend_short(row.backend), kBackendWidth)),
        std::string(live::to_string(row.state))};
    if (wide) {
      cells.push_back(or_dash(row.job));
      cells.push_back(row.attached_routes ? std::to_string(*row.attached_routes) : "-");
      cells.push_back(or_dash(conditions_text(row.conditions)));
      cells.push_back(or_dash(row.detail));
    }
    rows.push_back(std::move(cells));
  }
  print_table(rows);
  if (headers) std::cout << summary_line(gs.table.summary) << "\n";
}

template <typename T>
rapidjson::Value optional_int(const std::optional<T>& n) {
  return n ? rapidjson::Value(static_cast<int>(*n)) : rapidjson::Value(rapidjson::kNullType);
}

rapidjson::Value gateway_json(const app::StatusResult& result, const app::GatewayStatus& gs,
                              Json::AllocatorType& a) {
  const auto& gw = *gs.snapshot.gateway;
  rapidjson::Value gateway(rapidjson::kObjectType);
  gateway.AddMember("namespace", json_text(gw.ref.namespace_, a), a);
  gateway.AddMember("name", json_text(gw.ref.name, a), a);
  gateway.AddMember("class", json_text(gw.class_name, a), a);
  gateway.AddMember("cluster", json_text(result.cluster, a), a);
  gateway.AddMember("rm", json_text(gs.rm, a), a);
  rapidjson::Value addresses(rapidjson::kArrayType);
  for (const auto& addr : gw.addresses) addresses.PushBack(json_text(addr, a), a);
  gateway.AddMember("addresses", addresses, a);

  rapidjson::Value listeners(rapidjson::kArrayType);
  for (const auto& row : gs.table.rows) {
    rapidjson::Value l(rapidjson::kObjectType);
    l.AddMember("port", optional_int(row.port), a);
    l.AddMember("name", json_text(row.listener, a), a);
    l.AddMember("owner", json_text(row.owner, a), a);
    l.AddMember("route", json_text(row.routes.empty() ? "" : row.routes.front(), a), a);
    rapidjson::Value routes(rapidjson::kArrayType);
    for (const auto& r : row.routes) routes.PushBack(json_text(r, a), a);
    l.AddMember("routes", routes, a);
    l.AddMember("backend", json_text(row.backend, a), a);
    l.AddMember("backendExists",
                row.backend_exists ? rapidjson::Value(*row.backend_exists)
                                   : rapidjson::Value(rapidjson::kNullType),
                a);
    l.AddMember("state", json_text(std::string(live::to_string(row.state)), a), a);
    l.AddMember("detail", json_text(row.detail, a), a);
    l.AddMember("job", json_text(row.job, a), a);
    l.AddMember("attachedRoutes", optional_int(row.attached_routes), a);
    rapidjson::Value conditions(rapidjson::kArrayType);
    for (const auto& c : row.conditions) {
      rapidjson::Value cv(rapidjson::kObjectType);
      cv.AddMember("type", json_text(c.type, a), a);
      cv.AddMember("status", json_text(c.status, a), a);
      cv.AddMember("reason", json_text(c.reason, a), a);
      conditions.PushBack(cv, a);
    }
    l.AddMember("conditions", conditions, a);
    listeners.PushBack(l, a);
  }

  const auto& s = gs.table.summary;
  rapidjson::Value summary(rapidjson::kObjectType);
  summary.AddMember("listeners", s.listeners, a);
  summary.AddMember("specCap", optional_int(s.spec_cap), a);
  summary.AddMember("statusCap", optional_int(s.status_cap), a);
  summary.AddMember("headroom", optional_int(s.headroom()), a);
  summary.AddMember("determined", s.determined, a);
  summary.AddMember("foreign", s.foreign, a);
  summary.AddMember("rangeStart", optional_int(s.range_start), a);
  summary.AddMember("rangeEnd", optional_int(s.range_end), a);
  summary.AddMember("freeInRange", optional_int(s.free_in_range), a);
  summary.AddMember("ok", s.ok, a);
  summary.AddMember("problems", s.problems, a);

  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("gateway", gateway, a);
  out.AddMember("listeners", listeners, a);
  out.AddMember("summary", summary, a);
  return out;
}

}  // namespace

StatusCommand::StatusCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "status", "One row per listener of the Gateway: owner, route, backend and state");
  kube_.add_to(*cmd);
  describe_output(*cmd, {"text", "wide", "json", "yaml"});
  gateway_.add_to(*cmd);
  cmd->footer(
      "States: ok, orphan (annotation without listener, or det-* listener without annotation),\n"
      "no-route, dangling-route (route without listener), conflict, foreign.\n"
      "\n"
      "Examples:\n"
      "  kubectl detgw status -A\n"
      "  kubectl detgw status --gateway projectcontour/contour -o wide\n"
      "  kubectl detgw status --values values.yaml --rm east --context east -o json\n"
      "\n"
      "Exit codes: 0 read, 2 usage error, 3 --values unreadable, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void StatusCommand::run() {
  ran_ = true;
  if (!check_output(kube_.output, {"text", "wide", "json", "yaml"})) {
    exit_code_ = app::kExitUsage;
    return;
  }
  auto result = app::status(live_options(kube_, gateway_));
  for (const auto& gs : result.gateways)
    for (const auto& note : gs.snapshot.notes) std::cerr << "Warning: " << note << "\n";

  if (kube_.output == "json" || kube_.output == "yaml") {
    Json doc;
    std::vector<rapidjson::Value> items;
    for (const auto& gs : result.gateways)
      items.push_back(gateway_json(result, gs, doc.GetAllocator()));
    print_listing(doc, items, kube_.output);
  } else {
    bool first = true;
    for (const auto& gs : result.gateways) {
      if (!first) std::cout << "\n";
      first = false;
      print_text(result, gs, kube_.output == "wide", !kube_.no_headers);
    }
  }
  for (const auto& e : result.errors) print_error(e);
  exit_code_ = result.exit_code;
}

}  // namespace detgw::kubectl_detgw
