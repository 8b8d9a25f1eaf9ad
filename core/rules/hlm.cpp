// HLM001-HLM011: what the Determined chart does with the values before the master sees them.

#include <algorithm>

#include "core/model/known_keys.hpp"
#include "core/rules/rule.hpp"
#include "core/rules/rule_support.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::rules {
namespace {

using model::ConfigModel;
using model::Field;
using model::ResourceManager;

bool values(const ConfigModel& model) { return model.shape == model::InputShape::Values; }

// The top-level values key `key` (a string literal).
Field top_field(const ConfigModel& model, std::string_view key) {
  Field top;
  top.node = model.root;
  Field f;
  f.parent = model.root;
  f.set_path({}, key);
  if (model.root && model.root->is_mapping())
    if (const auto* e = model.root->find_entry(key)) f = entry_field(top, *e);
  return f;
}

template <typename Fn>
void for_each_additional(const ConfigModel& model, Fn fn) {
  if (!values(model)) return;
  for (const auto& rm : model.rms)
    if (!rm.is_root && rm.block.node && rm.block.node->is_mapping()) fn(rm);
}

bool empty_or_absent(const ConfigModel& model, const Field& f) {
  if (f.node && model.is_placeholder(f.node)) return false;
  if (!f.present_and_not_null()) return true;
  auto s = yaml::as_string(*f.node);
  return s && s->empty();
}

void check_hlm001(const ConfigModel& model, FindingSink& out) {
  for_each_additional(model, [&](const ResourceManager& rm) {
    if (!empty_or_absent(model, rm.kubeconfig_secret_name)) return;
    out.at_value(rm.kubeconfig_secret_name,
                 "the " + rm.label() +
                     " has no kubeconfig_secret_name: the chart fails to render (\"for each "
                     "additional_resource_managers, resource_manager.kubeconfig_secret_name must "
                     "be specified\")",
                 "name the Secret that holds this cluster's kubeconfig (helm multirm "
                 "add-cluster creates one)",
                 &rm);
  });
}

void check_hlm002(const ConfigModel& model, FindingSink& out) {
  for_each_additional(model, [&](const ResourceManager& rm) {
    if (!empty_or_absent(model, rm.kubeconfig_secret_value)) return;
    out.at_value(rm.kubeconfig_secret_value,
                 "the " + rm.label() +
                     " has no kubeconfig_secret_value: the chart fails to render (\"for each "
                     "additional_resource_managers, resource_manager.kubeconfig_secret_value "
                     "must be specified\")",
                 "set it to the key inside the Secret that holds the kubeconfig, e.g. config", &rm);
  });
}

std::string secret_key_problem(const std::string& key) {
  if (key == "." || key == "..") return "is " + quoted(key);
  if (key.size() > 253) return "is longer than 253 characters";
  if (key.find('\n') != std::string::npos) return "spans several lines";
  if (key.find("apiVersion:") != std::string::npos) return "contains kubeconfig content";
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'))
      return "contains " + quoted(std::string(1, c)) + ", which a Secret key cannot";
  return {};
}

void check_hlm003(const ConfigModel& model, FindingSink& out) {
  for_each_additional(model, [&](const ResourceManager& rm) {
    auto key = string_of(model, rm.kubeconfig_secret_value);
    if (!key || key->empty()) return;
    std::string problem = secret_key_problem(*key);
    if (problem.empty()) return;
    out.at_value(rm.kubeconfig_secret_value,
                 "kubeconfig_secret_value " + problem +
                     ": it is the name of the key inside the Secret (the file the chart mounts), "
                     "not the kubeconfig itself",
                 "put the kubeconfig in the Secret under a key such as config, and set "
                 "kubeconfig_secret_value: config",
                 &rm);
  });
}

void check_hlm004(const ConfigModel& model, FindingSink& out) {
  for_each_additional(model, [&](const ResourceManager& rm) {
    if (!rm.kubeconfig_path) return;
    out.at_key(rm.kubeconfig_path,
               "kubeconfig_path is set, but the chart sets its own (/mount/determined/secrets/" +
                   std::to_string(rm.index) + "/<kubeconfig_secret_value>) after it, which wins",
               "remove kubeconfig_path; the chart mounts the Secret for you", &rm);
  });
}

void check_hlm005(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  const Field& slots = model.rms.front().max_slots_per_pod;
  if (!empty_or_absent(model, slots)) return;
  out.at_value(slots,
               "maxSlotsPerPod is not set: the chart fails to render (\"A valid "
               "Values.maxSlotsPerPod entry is required!\")",
               "set maxSlotsPerPod to the number of GPUs of your largest node (1 for CPU nodes)");
}

void check_hlm006(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  for (const char* key : {"internal_task_gateway", "internalTaskGateway"}) {
    Field f = top_field(model, key);
    if (f.entry)
      out.at_key(f,
                 std::string(key) +
                     " at the top of the values: the chart has no place for a gateway on the "
                     "primary RM and drops it",
                 "configure the gateway on an additional resource manager, or in the master "
                 "config outside the chart");
    Field rm_values = top_field(model, "resourceManager");
    if (rm_values.node && rm_values.node->is_mapping())
      if (const auto* e = rm_values.node->find_entry(key))
        out.at_key(entry_field(rm_values, *e),
                   std::string("resourceManager.") + key +
                       ": the chart has no place for a gateway on the primary RM and drops it",
                   "configure the gateway on an additional resource manager");
  }
}

void check_hlm007(const ConfigModel& model, FindingSink& out) {
  if (!values(model) || !model.root || !model.root->is_mapping()) return;
  Field top;
  top.node = model.root;
  for (const auto& entry : model.root->entries) {
    if (!entry.key_is_scalar || entry.from_merge) continue;
    if (model::find_key(model::chart_top_level_keys(), entry.key, false)) continue;
    if (entry.key == "internal_task_gateway" || entry.key == "internalTaskGateway") continue;
    out.at_key(
        entry_field(top, entry),
        "unknown values key " + quoted(entry.key) + ": the Determined chart does not read it",
        did_you_mean(entry.key, model::chart_top_level_keys()));
  }
}

void check_hlm008(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  const Field& scheduler = model.rms.front().default_scheduler;
  auto value = string_of(model, scheduler);
  if (!checkable(model, scheduler)) return;
  std::string text = value.value_or(std::string(scheduler.node->text));
  auto trimmed = text;
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  if (trimmed == "coscheduler") return;
  out.at_value(scheduler,
               "defaultScheduler " + quoted(text) +
                   " is dropped by the chart, which passes on only \"coscheduler\"",
               "remove it, or set it to coscheduler");
}

void check_hlm009(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  const auto& root = model.rms.front();
  // The template tests `if .Values.determinedMasterHost`: an empty string is not set either.
  if (!empty_or_absent(model, root.master_host)) return;
  for (const Field* f : {&root.master_port, &root.master_scheme}) {
    if (!f->present_and_not_null()) continue;
    const std::string key =
        f == &root.master_port ? "determinedMasterPort" : "determinedMasterScheme";
    out.at_value(*f, key + " is set without determinedMasterHost: the chart drops it",
                 "set determinedMasterHost too, or remove " + key);
  }
}

void check_hlm010(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  const auto& root = model.rms.front();
  auto slot = string_of(model, root.slot_type);
  if (!slot || *slot != "cpu") return;
  Field cpu;
  cpu.parent = root.slot_resource_requests.node;
  cpu.set_path(root.slot_resource_requests.path(), "cpu");
  if (root.slot_resource_requests.node && root.slot_resource_requests.node->is_mapping())
    if (const auto* e = root.slot_resource_requests.node->find_entry("cpu"))
      cpu = entry_field(root.slot_resource_requests, *e);
  auto value = cpu.node ? yaml::as_number(*cpu.node) : std::nullopt;
  if (value && *value > 0) return;
  out.at_value(
      cpu.node ? cpu
               : (root.slot_resource_requests.node ? root.slot_resource_requests : root.slot_type),
      "slotType is cpu but slotResourceRequests.cpu is not a number above 0: the "
      "rendered config is rejected by the master (\"slot_resource_requests.cpu must be "
      "> 0\")",
      "set slotResourceRequests.cpu to the CPUs one slot requests");
}

// Sprig's `empty`, which `coalesce` uses to skip a value: null, "", false, 0, an empty map or list.
bool sprig_empty(const yaml::Node& node) {
  if (node.is_null()) return true;
  if (node.is_mapping()) return node.entries.empty();
  if (node.is_sequence()) return node.items.empty();
  const auto scalar = yaml::resolve(node);
  switch (scalar.type) {
    case yaml::ScalarType::Bool:
      return !scalar.boolean;
    case yaml::ScalarType::Int:
    case yaml::ScalarType::Float:
      return scalar.number == 0;
    case yaml::ScalarType::String:
      return node.text.empty();
    case yaml::ScalarType::Null:
      return true;
  }
  return false;
}

// What the chart's first-install check (templates/master-config.yaml L1-15) says about a
// password, or "" when it accepts it. Go's len counts bytes and the regexes are ASCII classes.
std::string password_problem(const std::string& password) {
  auto has = [&](auto pred) {
    return std::any_of(password.begin(), password.end(),
                       [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
  };
  if (password.size() < 8) return "initialUserPassword must have at least 8 characters";
  if (!has([](unsigned char c) { return c >= 'A' && c <= 'Z'; }))
    return "initialUserPassword must include an uppercase letter";
  if (!has([](unsigned char c) { return c >= 'a' && c <= 'z'; }))
    return "initialUserPassword must include a lowercase letter";
  if (!has([](unsigned char c) { return c >= '0' && c <= '9'; }))
    return "initialUserPassword must include a number";
  return {};
}

// The message never contains the password itself, only which rule it breaks.
void check_hlm011(const ConfigModel& model, FindingSink& out) {
  if (!values(model)) return;
  const char* const kHint =
      "set initialUserPassword to at least 8 characters with an upper-case letter, a "
      "lower-case letter and a digit; keep it out of the file with --set "
      "initialUserPassword=... (use --upgrade when the release already exists)";
  // `coalesce .Values.initialUserPassword .Values.defaultPassword`: the first that is not empty.
  Field chosen;
  std::string key;
  for (const char* candidate : {"initialUserPassword", "defaultPassword"}) {
    Field f = top_field(model, candidate);
    if (f.node && !sprig_empty(*f.node)) {
      chosen = f;
      key = candidate;
      break;
    }
  }
  if (!chosen.node) {
    out.at_value(top_field(model, "initialUserPassword"),
                 "no initialUserPassword: the chart refuses a first install (\"An initial "
                 "password for admin and determined users is required!\")",
                 kHint);
    return;
  }
  auto password = yaml::as_string(*chosen.node);
  std::string problem;
  if (!password || chosen.node->is_mapping() || chosen.node->is_sequence())
    problem = "is not a string, so the chart's length check fails to render";
  else if (auto chart_says = password_problem(*password); !chart_says.empty()) {
    problem = "is refused by the chart on a first install (\"";
    problem += chart_says;
    problem += "\")";
  }
  if (problem.empty()) return;
  std::string message = key;
  if (key == "defaultPassword") message += " (deprecated, read when initialUserPassword is unset)";
  message += " ";
  message += problem;
  out.at_value(chosen, std::move(message), kHint);
}

constexpr Rule kRules[] = {
    {"HLM001", Severity::Error, "additional RM without kubeconfig_secret_name", check_hlm001},
    {"HLM002", Severity::Error, "additional RM without kubeconfig_secret_value", check_hlm002},
    {"HLM003", Severity::Error, "kubeconfig_secret_value is not a Secret key", check_hlm003},
    {"HLM004", Severity::Warning, "kubeconfig_path set on an additional RM in values",
     check_hlm004},
    {"HLM005", Severity::Error, "maxSlotsPerPod missing", check_hlm005},
    {"HLM006", Severity::Warning, "internal_task_gateway for the primary RM in values",
     check_hlm006},
    {"HLM007", Severity::Warning, "unknown top-level values key", check_hlm007},
    {"HLM008", Severity::Warning, "defaultScheduler other than coscheduler", check_hlm008},
    {"HLM009", Severity::Warning, "master port or scheme without host", check_hlm009},
    {"HLM010", Severity::Error, "slotType cpu without slotResourceRequests.cpu", check_hlm010},
    {"HLM011", Severity::Error, "no initialUserPassword the chart accepts on a first install",
     check_hlm011, true},
    // Not a check of the model: core/render runs `helm template` of the CHART (core/app adds it).
    {"HLM012", Severity::Error, "the chart refuses to render the values", nullptr},
};

}  // namespace

std::span<const Rule> chart_rules() { return kRules; }

}  // namespace detgw::rules
