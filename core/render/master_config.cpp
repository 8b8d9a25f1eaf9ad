#include "core/render/master_config.hpp"

#include "core/render/go_text.hpp"

namespace detgw::render {
namespace {

const yaml::Node* child(const yaml::Node* map, std::string_view key) {
  if (!map || !map->is_mapping()) return nullptr;
  const auto* entry = map->find_entry(key);
  return entry ? entry->value : nullptr;
}

std::string trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  const auto last = text.find_last_not_of(" \t\r\n");
  text.erase(last == std::string::npos ? 0 : last + 1);
  return text;
}

// `required`: nil and "" fail.
bool missing(const yaml::Node* node) {
  return !node || node->is_null() || (node->is_scalar() && go_print(node).empty());
}

void line(std::string& out, int indent, std::string_view key, const std::string& value) {
  out.append(static_cast<std::size_t>(indent), ' ');
  out += key;
  out += ':';
  if (!value.empty()) {
    out += ' ';
    out += value;
  }
  out += '\n';
}

void root_rm(const yaml::Node* v, const ReleaseSettings& s, RenderedMasterConfig& r,
             std::string& out) {
  out += "resource_manager:\n";
  line(out, 2, "type", "\"kubernetes\"");
  const auto* rm = child(v, "resourceManager");
  const auto* ns = child(rm, "defaultNamespace");
  line(out, 2, "default_namespace", go_empty(ns) ? quote_text(s.namespace_) : go_quote(ns));
  if (const auto* cluster = child(rm, "clusterName"); !go_empty(cluster))
    line(out, 2, "cluster_name", go_print(cluster));
  const auto* slots = child(v, "maxSlotsPerPod");
  if (missing(slots)) r.refusals.emplace_back("A valid Values.maxSlotsPerPod entry is required!");
  line(out, 2, "max_slots_per_pod", go_print(slots));
  std::string service = "determined-master-service-";
  service += s.release;
  line(out, 2, "master_service_name", service);
  if (const auto* sched = child(v, "defaultScheduler");
      !go_empty(sched) && trimmed(go_print(sched)) == "coscheduler")
    line(out, 2, "default_scheduler", "\"coscheduler\"");
  const auto* slot_type = child(v, "slotType");
  if (!go_empty(slot_type) && go_print(slot_type) != "gpu") {
    line(out, 2, "slot_type", go_print(slot_type));
    out += "  slot_resource_requests:\n";
    const auto* requests = child(v, "slotResourceRequests");
    if (!requests || requests->is_null())
      r.refusals.emplace_back("nil pointer evaluating interface {}.cpu (slotResourceRequests)");
    line(out, 4, "cpu", go_print(child(requests, "cpu")));
  }
  if (const auto* fluent = child(v, "fluent"); !go_empty(fluent)) {
    out += "  fluent:\n";
    out += to_yaml(fluent, 4);
  }
  if (const auto* host = child(v, "determinedMasterHost"); !go_empty(host)) {
    const auto* scheme = child(v, "determinedMasterScheme");
    if (!go_empty(scheme))
      line(out, 2, "determined_master_scheme", go_quote(scheme));
    else
      line(out, 2, "determined_master_scheme",
           go_empty(child(v, "tlsSecret")) ? "\"http\"" : "\"https\"");
    line(out, 2, "determined_master_host", go_quote(host));
    const auto* port = child(v, "determinedMasterPort");
    line(out, 2, "determined_master_port",
         go_print(go_empty(port) ? child(v, "masterPort") : port));
  }
  out += '\n';
  line(out, 2, "default_aux_resource_pool", go_print(child(v, "defaultAuxResourcePool")));
  line(out, 2, "default_compute_resource_pool", go_print(child(v, "defaultComputeResourcePool")));
}

void additional_rms(const yaml::Node* list, RenderedMasterConfig& r, std::string& out) {
  out += "additional_resource_managers:\n";
  if (!list->is_sequence()) {
    r.refusals.emplace_back("additional_resource_managers is not a list");
    return;
  }
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const yaml::Node* item = list->items[i];
    const auto* rm = child(item, "resource_manager");
    out += "- resource_manager:\n";
    if (rm && rm->is_mapping()) {
      // `omit ... "kubeconfig_secret_name" "kubeconfig_secret_value" | toYaml`.
      std::vector<yaml::Entry> entries;
      for (const auto& e : rm->entries)
        if (e.key != "kubeconfig_secret_name" && e.key != "kubeconfig_secret_value")
          entries.push_back(e);
      yaml::Node kept = *rm;
      kept.entries = entries;
      out += to_yaml(&kept, 4);
    } else {
      r.refusals.emplace_back("additional_resource_managers[] without a resource_manager map");
    }
    // master-deployment.yaml mounts the Secret, and requires its name.
    if (missing(child(rm, "kubeconfig_secret_name")))
      r.refusals.emplace_back(
          "for each additional_resource_managers, resource_manager.kubeconfig_secret_name must "
          "be specified");
    const auto* key = child(rm, "kubeconfig_secret_value");
    if (missing(key))
      r.refusals.emplace_back(
          "for each additional_resource_managers, resource_manager.kubeconfig_secret_value "
          "must be specified");
    std::string path = kubeconfig_mount(i);
    path += go_print(key);
    line(out, 4, "kubeconfig_path", path);
    out += "  resource_pools:\n";
    out += to_yaml(child(item, "resource_pools"), 4);
  }
}

}  // namespace

std::string kubeconfig_mount(std::size_t index) {
  std::string path = "/mount/determined/secrets/";
  path += std::to_string(index);
  path += '/';
  return path;
}

RenderedMasterConfig render_master_config(const model::ConfigModel& values,
                                          const ReleaseSettings& settings) {
  RenderedMasterConfig rendered;
  const yaml::Node* v = values.root;
  std::string out;
  root_rm(v, settings, rendered, out);
  if (const auto* extra = child(v, "additional_resource_managers"); !go_empty(extra))
    additional_rms(extra, rendered, out);
  if (const auto* pools = child(v, "resourcePools"); !go_empty(pools)) {
    out += "resource_pools:\n";
    out += to_yaml(pools, 2);
  }
  if (rendered.refusals.empty()) rendered.yaml = std::move(out);
  return rendered;
}

}  // namespace detgw::render
