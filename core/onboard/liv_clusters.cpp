// LIV060-LIV064: one additional RM's cluster as `helm multirm lint --live` found it. Pure: the
// probe (cluster_probe.cpp) has read everything before.
#include "core/live/listener_table.hpp"
#include "core/onboard/cluster_probe.hpp"

namespace detgw::onboard {
namespace {

report::Finding at(const std::string& code, report::Severity severity, const InputPlace& place,
                   const ClusterProbe& probe) {
  report::Finding f;
  f.code = code;
  f.severity = severity;
  f.location = place.location;
  f.path = place.path;
  f.pointer = place.pointer;
  f.rm = probe.target.rm;
  return f;
}

std::string secret_text(const ClusterProbe& probe) {
  std::string text = "Secret ";
  text += probe.secret.release_namespace;
  text += "/";
  text += probe.target.secret_name;
  return text;
}

void liv060(const ClusterProbe& probe, std::vector<report::Finding>& out) {
  if (!probe.secret.found) {
    auto f = at("LIV060", report::Severity::Error, probe.target.secret_place, probe);
    f.message = secret_text(probe);
    f.message += " does not exist: the master pod cannot start (its volume ";
    f.message += "cannot be mounted)";
    f.hint = "create it in the release namespace (helm multirm add-cluster writes one), or fix ";
    f.hint += "kubeconfig_secret_name";
    out.push_back(std::move(f));
    return;
  }
  if (probe.secret.has_key) return;
  auto f = at("LIV060", report::Severity::Error, probe.target.key_place, probe);
  f.message = secret_text(probe);
  f.message += " has no key ";
  f.message += probe.target.secret_key;
  f.message += ": the master finds no kubeconfig at its kubeconfig_path";
  std::string keys;
  for (const auto& k : probe.secret.keys) {
    if (!keys.empty()) keys += ", ";
    keys += k;
  }
  if (keys.empty()) {
    f.hint = "the Secret is empty; put the kubeconfig under that key";
  } else {
    f.hint = "its keys are: ";
    f.hint += keys;
    f.hint += "; kubeconfig_secret_value names the key";
  }
  out.push_back(std::move(f));
}

void liv061(const ClusterProbe& probe, std::vector<report::Finding>& out) {
  if (!probe.parse_error.empty()) {
    auto f = at("LIV061", report::Severity::Error, probe.target.key_place, probe);
    f.message = "the kubeconfig in ";
    f.message += secret_text(probe);
    f.message += " is not usable: ";
    f.message += probe.parse_error;
    f.hint = "put a kubeconfig with current-context set in the Secret (helm multirm add-cluster)";
    out.push_back(std::move(f));
    return;
  }
  for (const auto* later : {&probe.access_error, &probe.gateway_error}) {
    if (!*later) continue;
    auto f = at("LIV061", report::Severity::Error, probe.target.secret_place, probe);
    f.message = "the cluster of RM ";
    f.message += probe.target.rm;
    f.message += " answered, then a request failed: ";
    f.message += **later;
    f.hint = "run helm multirm lint --live again; check the cluster's API server";
    out.push_back(std::move(f));
    return;
  }
  if (!probe.connect_error) return;
  auto f = at("LIV061", report::Severity::Error, probe.target.secret_place, probe);
  f.message = "the kubeconfig in ";
  f.message += secret_text(probe);
  f.message += " does not reach or authenticate to its cluster";
  if (!probe.server.empty()) {
    f.message += " (";
    f.message += probe.server;
    f.message += ")";
  }
  f.message += ": ";
  f.message += *probe.connect_error;
  f.hint =
      "check that the server is reachable from the master and the credentials are current (a "
      "ServiceAccount token from helm multirm add-cluster --service-account does not need a "
      "helper)";
  out.push_back(std::move(f));
}

void liv062(const ClusterProbe& probe, std::vector<report::Finding>& out) {
  if (!probe.namespace_exists || *probe.namespace_exists) return;
  auto f = at("LIV062", report::Severity::Error, probe.target.namespace_place, probe);
  f.message = "namespace ";
  f.message += probe.target.default_namespace;
  f.message += " does not exist in the cluster of RM ";
  f.message += probe.target.rm;
  f.message += ": the master cannot create its tasks there";
  f.hint = "create it (kubectl create namespace ";
  f.hint += probe.target.default_namespace;
  f.hint += ") or set default_namespace to one that exists";
  out.push_back(std::move(f));
}

void liv063(const ClusterProbe& probe, std::vector<report::Finding>& out) {
  std::string missing;
  int count = 0;
  for (const auto& check : probe.access) {
    if (check.allowed) continue;
    if (count++ > 0) missing += ", ";
    missing += check.text();
  }
  if (count == 0) return;
  auto f = at("LIV063", report::Severity::Error, probe.target.secret_place, probe);
  f.message = "the identity of the kubeconfig in ";
  f.message += secret_text(probe);
  f.message += " may not do what the master does in its cluster: it may not ";
  f.message += missing;
  f.hint =
      "bind it to a ClusterRole with these verbs (helm multirm add-cluster --service-account "
      "creates one)";
  out.push_back(std::move(f));
}

void liv064(const ClusterProbe& probe, std::vector<report::Finding>& out) {
  if (probe.helper.empty()) return;
  auto f = at("LIV064", report::Severity::Warning, probe.target.secret_place, probe);
  f.message = "the kubeconfig in ";
  f.message += secret_text(probe);
  f.message += " authenticates with ";
  f.message += probe.helper;
  f.message += ": it works from this machine, but the master pod needs that binary too";
  f.hint =
      "use a ServiceAccount token instead (helm multirm add-cluster --service-account), or make "
      "sure the master image has the helper";
  out.push_back(std::move(f));
}

}  // namespace

std::vector<report::Finding> cluster_findings(const ClusterProbe& probe) {
  std::vector<report::Finding> out;
  liv060(probe, out);
  liv064(probe, out);
  liv061(probe, out);
  liv062(probe, out);
  liv063(probe, out);
  return out;
}

LiveCheckRun cluster_gateway_checks(const ClusterProbe& probe) {
  LiveCheckRun run;
  if (!probe.gateway) return run;
  std::vector<live::LiveCheck> checks;
  for (const auto& check : live::all_live_checks())
    if (check.code != "LIV001" && !check.needs_access_review) checks.push_back(check);
  const auto table = live::build_listener_table(*probe.gateway);
  const live::LiveModel model{*probe.gateway, table, probe.target.rm};
  std::string suffix = " (RM ";
  suffix += probe.target.rm;
  suffix += ")";
  run = live::run_live_checks(model, checks, suffix);
  for (auto& f : run.findings) f.rm = probe.target.rm;
  return run;
}

}  // namespace detgw::onboard
