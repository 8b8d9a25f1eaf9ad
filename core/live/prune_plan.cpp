#include "core/live/prune_plan.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>

#include "core/yaml/path.hpp"

namespace detgw::live {
namespace {

std::string port_text(const std::optional<int>& port) {
  return port ? std::to_string(*port) : std::string("?");
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void op(Writer& w, const char* name, const std::string& path) {
  w.Key("op");
  w.String(name);
  w.Key("path");
  w.String(path.c_str(), static_cast<rapidjson::SizeType>(path.size()));
}

void test_string(Writer& w, const std::string& path, const std::string& value) {
  w.StartObject();
  op(w, "test", path);
  w.Key("value");
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndObject();
}

void test_int(Writer& w, const std::string& path, int value) {
  w.StartObject();
  op(w, "test", path);
  w.Key("value");
  w.Int(value);
  w.EndObject();
}

void remove(Writer& w, const std::string& path) {
  w.StartObject();
  op(w, "remove", path);
  w.EndObject();
}

}  // namespace

std::string_view to_string(PruneItem::Kind kind) {
  switch (kind) {
    case PruneItem::Kind::Listener:
      return "listener";
    case PruneItem::Kind::Annotation:
      return "annotation";
    case PruneItem::Kind::TcpRoute:
      return "tcproute";
    case PruneItem::Kind::Service:
      return "service";
  }
  return "item";
}

std::string PruneItem::key() const {
  return std::string(to_string(kind)) + "|" + allocation + "|" + port_text(port) + "|" + name +
         "|" + uid;
}

std::string PruneItem::text() const {
  switch (kind) {
    case Kind::Listener:
      return "listener " + name + " (port " + port_text(port) + ", allocation " + allocation + ")";
    case Kind::Annotation:
      return "annotation " + std::string(kPortAnnotationPrefix) + port_text(port) +
             " (allocation " + allocation + ")";
    case Kind::TcpRoute:
      return "TCPRoute " + name + " (allocation " + allocation + ")";
    case Kind::Service:
      return "Service " + name + " (allocation " + allocation + ")";
  }
  return name;
}

std::vector<PruneItem> leak_candidates(const GatewaySnapshot& snapshot, const ListenerTable& table,
                                       const std::set<std::string>& running) {
  std::vector<PruneItem> items;
  if (!snapshot.gateway) return items;
  std::set<std::string> leaked_allocations;
  auto leaked = [&](const std::string& allocation) {
    return !allocation.empty() && allocation != "foreign" && !running.count(allocation);
  };
  for (const auto& row : table.rows) {
    if (!leaked(row.owner)) continue;
    if (row.state == ListenerState::NoRoute) {
      items.push_back({PruneItem::Kind::Listener,
                       row.owner,
                       row.port,
                       row.listener,
                       {},
                       "no TCPRoute attaches to it"});
      items.push_back({PruneItem::Kind::Annotation,
                       row.owner,
                       row.port,
                       {},
                       {},
                       "its listener is being removed"});
      leaked_allocations.insert(row.owner);
    } else if (row.state == ListenerState::Orphan && row.listener.empty()) {
      items.push_back(
          {PruneItem::Kind::Annotation, row.owner, row.port, {}, {}, "no listener on its port"});
      leaked_allocations.insert(row.owner);
    } else if (row.state == ListenerState::DanglingRoute) {
      for (const auto& route : snapshot.routes)
        if (route.ref.text() == row.routes.front() && route.allocation == row.owner)
          items.push_back({PruneItem::Kind::TcpRoute, row.owner, row.port, route.ref.text(),
                           route.uid, "its listener is gone"});
      leaked_allocations.insert(row.owner);
    }
  }
  // The Services of a leaked allocation go with it: nothing routes to them any more.
  for (const auto& service : snapshot.services)
    if (leaked_allocations.count(service.allocation))
      items.push_back({PruneItem::Kind::Service,
                       service.allocation,
                       {},
                       service.ref.text(),
                       service.uid,
                       "its allocation's listeners leaked"});
  return items;
}

std::vector<PruneItem> confirmed(const std::vector<PruneItem>& earlier,
                                 const std::vector<PruneItem>& now) {
  std::set<std::string> seen;
  for (const auto& item : earlier) seen.insert(item.key());
  std::vector<PruneItem> out;
  for (const auto& item : now)
    if (seen.count(item.key())) out.push_back(item);
  return out;
}

std::string gateway_prune_patch(const Gateway& gateway, const std::vector<PruneItem>& items,
                                std::vector<PruneItem>& removed) {
  // Listeners by index, highest first, so each removal leaves the indices below it unchanged.
  std::map<std::size_t, const PruneItem*, std::greater<>> listeners;
  std::vector<const PruneItem*> annotations;
  for (const auto& item : items) {
    const auto owner = item.port ? gateway.port_owners.find(*item.port) : gateway.port_owners.end();
    const bool still_owned = owner != gateway.port_owners.end() && owner->second == item.allocation;
    if (item.kind == PruneItem::Kind::Listener) {
      for (const auto& l : gateway.listeners)
        if (still_owned && l.name == item.name && item.port && l.port == *item.port)
          listeners[l.index] = &item;
    } else if (item.kind == PruneItem::Kind::Annotation && still_owned) {
      annotations.push_back(&item);
    }
  }
  // An annotation goes only with its listener, or when it has none.
  std::set<int> listener_ports;
  for (const auto& l : gateway.listeners) listener_ports.insert(l.port);
  std::set<int> removed_ports;
  for (const auto& [index, item] : listeners) removed_ports.insert(*item->port);

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  bool any = false;
  for (const auto& [index, item] : listeners) {
    const std::string at = "/spec/listeners/" + std::to_string(index);
    test_string(w, at + "/name", item->name);
    test_int(w, at + "/port", *item->port);
    remove(w, at);
    removed.push_back(*item);
    any = true;
  }
  for (const auto* item : annotations) {
    if (listener_ports.count(*item->port) && !removed_ports.count(*item->port)) continue;
    const std::string at =
        yaml::Path()
            .key("metadata")
            .key("annotations")
            .key(std::string(kPortAnnotationPrefix) + std::to_string(*item->port))
            .pointer();
    test_string(w, at, item->allocation);
    remove(w, at);
    removed.push_back(*item);
    any = true;
  }
  w.EndArray();
  return any ? std::string(buffer.GetString(), buffer.GetSize()) : std::string();
}

}  // namespace detgw::live
