#include "core/app/live_session.hpp"

#include <sys/utsname.h>

#include "core/app/config_input.hpp"
#include "core/live/read_snapshot.hpp"
#include "core/version.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::app {
namespace {

std::string text_of(const model::Field& field) {
  if (!field.node) return {};
  return yaml::as_string(*field.node).value_or(std::string(field.node->text));
}

// The RMs of --values input that have an internal_task_gateway, with what it says.
Expected<std::vector<GatewayTarget>> targets_from_values(const GatewaySelection& selection) {
  ConfigSources sources;
  sources.values_files = {selection.values_file};
  auto format = parse_input_format(selection.input_format);
  if (!format) return usage_error("--input-format must be auto, values, master or devcluster");
  sources.input_format = *format;
  sources.env = process_env;
  std::vector<Error> errors;
  std::vector<std::string> notes;
  auto input = read_config_input(sources, errors);
  if (!errors.empty()) return errors.front();
  auto models = build_models(sources, input->documents, input->shape, errors, notes);
  if (!errors.empty()) return errors.front();

  std::vector<GatewayTarget> found;
  std::vector<std::string> with_gateway;
  for (const auto& m : models) {
    for (const auto& rm : m.rms) {
      if (!rm.gateway) continue;
      with_gateway.push_back(rm.effective_name);
      if (!selection.rm.empty() && rm.effective_name != selection.rm) continue;
      GatewayTarget t;
      t.rm = rm.effective_name;
      t.gateway = {text_of(rm.gateway->namespace_), text_of(rm.gateway->name)};
      t.expected.source = selection.values_file + " (RM " + rm.effective_name + ")";
      if (rm.gateway->ip) t.expected.ip = text_of(rm.gateway->ip);
      if (rm.gateway->start && rm.gateway->end) {
        t.expected.range_start = static_cast<int>(*rm.gateway->start);
        t.expected.range_end = static_cast<int>(*rm.gateway->end);
      }
      t.expected.task_namespace = text_of(rm.default_namespace);
      if (t.gateway.name.empty() || t.gateway.namespace_.empty())
        return input_error("the internal_task_gateway of RM " + rm.effective_name + " in " +
                           selection.values_file +
                           " names no gateway_name or gateway_namespace (helm multirm lint "
                           "shows why)");
      found.push_back(std::move(t));
    }
  }
  auto names = [&] {
    std::string text;
    for (const auto& n : with_gateway) text += (text.empty() ? "" : ", ") + n;
    return text;
  };
  if (with_gateway.empty())
    return usage_error("no resource manager in " + selection.values_file +
                       " has an internal_task_gateway");
  if (found.empty())
    return usage_error("no resource manager named " + selection.rm + " with a gateway in " +
                       selection.values_file + "; the RMs with one are: " + names());
  if (selection.rm.empty() && found.size() > 1)
    return usage_error("several resource managers in " + selection.values_file +
                       " have a gateway (" + names() + "): choose one with --rm");
  return found;
}

}  // namespace

std::string LiveSession::cluster_text() const {
  if (identity.in_cluster) return "the in-cluster service account's cluster (" + server + ")";
  return "cluster " + identity.cluster + " (context " + identity.context + ", " + server + ")";
}

Error gateway_not_found(const live::ObjectRef& gateway, const std::string& cluster) {
  return Error{ErrorKind::Cluster, "Gateway " + gateway.text() + " not found in " + cluster, {}};
}

std::string user_agent(std::string_view tool) {
  struct utsname u {};
  std::string os = "linux", arch = "unknown";
  if (uname(&u) == 0) arch = u.machine;
  if (arch == "x86_64") arch = "amd64";
  if (arch == "aarch64") arch = "arm64";
  return std::string(tool) + "/" + std::string(kVersion) + " (" + os + "/" + arch + ")";
}

Expected<LiveSession> connect(const LiveOptions& options) {
  const auto& sel = options.selection;
  if (!sel.gateway.empty() && !sel.values_file.empty())
    return usage_error("--gateway and --values both name the Gateway: give one");
  if (!sel.rm.empty() && sel.values_file.empty())
    return usage_error("--rm selects an RM of the --values input: give --values too");

  std::vector<GatewayTarget> targets;
  if (!sel.values_file.empty()) {
    auto from_values = targets_from_values(sel);
    if (!from_values) return from_values.error();
    targets = std::move(*from_values);
  }

  auto config =
      kube::load_client_config(options.overrides, kube::Environment::current(), options.logger);
  if (!config) return config.error();
  config->rest.user_agent = options.user_agent;
  auto client = kube::ApiClient::create(config->rest, options.logger);
  if (!client) return Error(client.error());

  LiveSession session;
  session.client = std::move(*client);
  session.identity = config->identity;
  session.server = config->rest.server;
  const std::string namespace_ =
      session.identity.namespace_.empty() ? "default" : session.identity.namespace_;

  if (!sel.gateway.empty()) {
    GatewayTarget t;
    const auto slash = sel.gateway.find('/');
    if (slash == std::string::npos) {
      t.gateway = {namespace_, sel.gateway};
    } else {
      t.gateway = {sel.gateway.substr(0, slash), sel.gateway.substr(slash + 1)};
    }
    if (t.gateway.name.empty() || t.gateway.namespace_.empty() ||
        t.gateway.name.find('/') != std::string::npos)
      return usage_error("--gateway takes NAME or NAMESPACE/NAME, not \"" + sel.gateway + "\"");
    targets.push_back(std::move(t));
  }

  for (auto& t : targets)
    if (t.expected.task_namespace.empty()) t.expected.task_namespace = namespace_;
  session.targets = std::move(targets);
  return session;
}

std::optional<Error> find_targets(LiveSession& session, const GatewaySelection& selection) {
  if (!session.targets.empty()) return std::nullopt;
  const std::string namespace_ =
      session.identity.namespace_.empty() ? "default" : session.identity.namespace_;
  const std::string where = selection.all_namespaces ? "" : namespace_;
  auto found = live::find_determined_gateways(*session.client, where);
  if (!found) return found.error();
  for (const auto& gw : *found) {
    GatewayTarget t{gw.ref, {}, {}};
    t.expected.task_namespace = namespace_;
    session.targets.push_back(std::move(t));
  }
  if (session.targets.empty())
    return usage_error(
        "no Gateway with Determined's listeners or port annotations " +
        (selection.all_namespaces ? std::string("in any namespace") : "in namespace " + where) +
        " of " + session.cluster_text() +
        "; name one with --gateway NAMESPACE/NAME or --values FILE" +
        (selection.all_namespaces ? "" : ", or search every namespace with -A"));
  return std::nullopt;
}

Expected<LiveSession> open_live_session(const LiveOptions& options) {
  auto session = connect(options);
  if (!session) return session;
  if (auto error = find_targets(*session, options.selection)) return *error;
  return session;
}

}  // namespace detgw::app
