#include "core/live/listener_table.hpp"

#include <algorithm>
#include <set>

namespace detgw::live {
namespace {

std::string backend_text(const BackendRef& b) {
  std::string text = b.service.text();
  if (b.port) {
    // Appended piece by piece: `":" + std::to_string(n)` trips GCC 12's false -Wrestrict.
    text += ':';
    text += std::to_string(*b.port);
  }
  return text;
}

// The controller refused the listener (Accepted=False, Conflicted=True): its port does not work.
std::string refusal(const ListenerRow& row, std::optional<std::int64_t> generation) {
  if (condition_state(row.conditions, "Conflicted", generation) == ConditionState::True) {
    const auto* c = find_condition(row.conditions, "Conflicted");
    return "the controller reports a conflict (" + c->reason + ")";
  }
  if (condition_state(row.conditions, "Accepted", generation) == ConditionState::False) {
    const auto* c = find_condition(row.conditions, "Accepted");
    return "the controller did not accept it (" + c->reason + ")";
  }
  return {};
}

void classify(ListenerRow& row, const std::optional<std::int64_t>& generation,
              const std::string& route_allocation) {
  const bool annotated = row.owner != "foreign";
  if (auto why = refusal(row, generation); !why.empty()) {
    row.state = ListenerState::Conflict;
    row.detail = why;
  } else if (!annotated && row.listener.starts_with("det-")) {
    row.state = ListenerState::Orphan;
    row.detail = "det-* listener without Determined's port annotation";
  } else if (!annotated) {
    row.state = ListenerState::Foreign;
    row.detail = "not added by Determined";
  } else if (row.routes.empty()) {
    row.state = ListenerState::NoRoute;
    row.detail = "no TCPRoute attaches to it";
  } else if (!route_allocation.empty() && route_allocation != row.owner) {
    row.state = ListenerState::Conflict;
    row.detail = "its TCPRoute belongs to allocation " + route_allocation;
  } else {
    row.state = ListenerState::Ok;
    if (row.backend_exists == false) row.detail = "backend Service missing";
  }
}

}  // namespace

std::string_view to_string(ListenerState state) {
  switch (state) {
    case ListenerState::Ok:
      return "ok";
    case ListenerState::Orphan:
      return "orphan";
    case ListenerState::NoRoute:
      return "no-route";
    case ListenerState::DanglingRoute:
      return "dangling-route";
    case ListenerState::Conflict:
      return "conflict";
    case ListenerState::Foreign:
      return "foreign";
  }
  return "unknown";
}

std::optional<int> ListenerSummary::headroom() const {
  if (!spec_cap) return std::nullopt;
  return std::max(0, *spec_cap - listeners);
}

const CrdVersion* gateway_write_version(const GatewaySnapshot& snapshot) {
  if (!snapshot.gateway_crd || !snapshot.gateway_crd->present) return nullptr;
  const Crd& crd = *snapshot.gateway_crd;
  if (const auto* v1 = crd.version("v1"); v1 && v1->served) return v1;
  for (const auto& v : crd.versions)
    if (v.storage) return &v;
  return nullptr;
}

bool parent_selects(const RouteParentRef& parent, const ObjectRef& gateway,
                    const GatewayListener& listener) {
  if (parent.gateway != gateway) return false;
  if (!parent.section_name.empty() && parent.section_name != listener.name) return false;
  if (parent.port && *parent.port != listener.port) return false;
  return true;
}

ListenerTable build_listener_table(const GatewaySnapshot& snapshot) {
  ListenerTable table;
  auto& summary = table.summary;
  if (const auto* v = gateway_write_version(snapshot)) {
    summary.spec_cap = v->spec_max_listeners;
    summary.status_cap = v->status_max_listeners;
  }
  summary.range_start = snapshot.expected.range_start;
  summary.range_end = snapshot.expected.range_end;
  if (!snapshot.gateway) return table;
  const Gateway& gw = *snapshot.gateway;

  std::set<ObjectRef> services;
  for (const auto& s : snapshot.services) services.insert(s.ref);

  std::set<int> listener_ports;
  std::vector<bool> route_attached(snapshot.routes.size(), false);
  for (const auto& listener : gw.listeners) {
    ListenerRow row;
    if (listener.port) row.port = listener.port;
    listener_ports.insert(listener.port);
    row.listener = listener.name;
    auto owner = gw.port_owners.find(listener.port);
    row.owner = owner == gw.port_owners.end() ? "foreign" : owner->second;
    if (const auto* status = gw.status_of(listener.name)) {
      row.attached_routes = status->attached_routes;
      row.conditions = status->conditions;
    }
    std::string route_allocation;
    for (std::size_t i = 0; i < snapshot.routes.size(); ++i) {
      const TcpRoute& route = snapshot.routes[i];
      const bool attaches = std::any_of(route.parents.begin(), route.parents.end(), [&](auto& p) {
        return parent_selects(p, gw.ref, listener);
      });
      if (!attaches) continue;
      route_attached[i] = true;
      row.routes.push_back(route.ref.text());
      if (row.routes.size() > 1) continue;
      route_allocation = route.allocation;
      row.job = route.job;
      if (!route.backends.empty()) {
        row.backend = backend_text(route.backends.front());
        if (snapshot.services_listed && !route.allocation.empty())
          row.backend_exists = services.count(route.backends.front().service) > 0;
      }
    }
    classify(row, gw.generation, route_allocation);
    (row.owner == "foreign" ? summary.foreign : summary.determined) += 1;
    table.rows.push_back(std::move(row));
  }

  for (const auto& [port, allocation] : gw.port_owners) {
    if (listener_ports.count(port)) continue;
    ListenerRow row;
    row.port = port;
    row.owner = allocation;
    row.state = ListenerState::Orphan;
    row.detail = "port annotation without a listener";
    table.rows.push_back(std::move(row));
  }

  for (std::size_t i = 0; i < snapshot.routes.size(); ++i) {
    const TcpRoute& route = snapshot.routes[i];
    if (route_attached[i]) continue;
    for (const auto& parent : route.parents) {
      if (parent.gateway != gw.ref) continue;
      ListenerRow row;
      row.port = parent.port;
      row.listener = parent.section_name;
      row.owner = route.allocation.empty() ? "foreign" : route.allocation;
      row.routes.push_back(route.ref.text());
      row.job = route.job;
      if (!route.backends.empty()) row.backend = backend_text(route.backends.front());
      row.state = ListenerState::DanglingRoute;
      row.detail = "the TCPRoute's listener does not exist";
      table.rows.push_back(std::move(row));
      break;
    }
  }

  std::stable_sort(table.rows.begin(), table.rows.end(), [](const auto& a, const auto& b) {
    if (a.port.value_or(0) != b.port.value_or(0)) return a.port.value_or(0) < b.port.value_or(0);
    return a.listener < b.listener;
  });
  summary.listeners = static_cast<int>(gw.listeners.size());
  for (const auto& row : table.rows) {
    if (row.state == ListenerState::Ok)
      ++summary.ok;
    else if (row.state != ListenerState::Foreign)
      ++summary.problems;
  }
  if (summary.range_start && summary.range_end && *summary.range_start <= *summary.range_end) {
    int used = 0;
    for (int port : listener_ports)
      if (port >= *summary.range_start && port <= *summary.range_end) ++used;
    summary.free_in_range = *summary.range_end - *summary.range_start + 1 - used;
  }
  return table;
}

}  // namespace detgw::live
