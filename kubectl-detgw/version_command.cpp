#include "kubectl-detgw/version_command.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <iostream>

#include "core/app/exit_code.hpp"
#include "core/app/version.hpp"
#include "core/version.hpp"

namespace detgw::kubectl_detgw {
namespace {

void print_json(const app::VersionReport& r) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  auto field = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  field("clientVersion", r.client_version);
  field("context", r.context);
  field("cluster", r.cluster);
  field("server", r.server);
  field("user", r.user);
  field("namespace", r.namespace_);
  w.Key("inCluster");
  w.Bool(r.in_cluster);
  w.Key("serverVersion");
  if (r.server_version)
    w.String(r.server_version->c_str());
  else
    w.Null();
  w.EndObject();
  std::cout << buffer.GetString() << "\n";
}

void print_client(bool json) {
  if (json)
    std::cout << "{\n  \"clientVersion\": \"" << kVersion << "\"\n}\n";
  else
    std::cout << "Client Version: " << kVersion << "\n";
}

void print_text(const app::VersionReport& r) {
  std::cout << "Client Version: " << r.client_version << "\n";
  if (r.in_cluster)
    std::cout << "Config: in-cluster service account\n";
  else
    std::cout << "Context: " << r.context << "\nCluster: " << r.cluster << "\nUser: " << r.user
              << "\n";
  std::cout << "Server: " << r.server << "\nNamespace: " << r.namespace_ << "\n";
  if (r.server_version) std::cout << "Server Version: " << *r.server_version << "\n";
}

}  // namespace

VersionCommand::VersionCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "version", "Print the client version, the cluster the flags resolve to, and its version");
  flags_.add_to(*cmd);
  cmd->add_flag(
      "--client", client_only_,
      "Print only the client version, without reading a kubeconfig or contacting a cluster");
  cmd->footer(
      "Examples:\n"
      "  kubectl detgw version\n"
      "  kubectl detgw version --client\n"
      "  kubectl detgw version --context east -o json\n");
  cmd->callback([this] { run(); });
}

void VersionCommand::run() {
  ran_ = true;
  if (flags_.output != "text" && flags_.output != "json") {
    std::cerr << "Error: --output must be text or json for version\n";
    exit_code_ = app::kExitUsage;
    return;
  }
  if (client_only_) {
    print_client(flags_.output == "json");
    return;
  }
  kube::Logger logger(flags_.verbosity, {});
  app::VersionResult result = app::version(flags_.overrides, logger);
  if (flags_.output == "json")
    print_json(result.report);
  else
    print_text(result.report);
  if (result.error) {
    std::cerr << "error: " << result.error->describe() << "\n";
    exit_code_ = app::exit_code_for({}, report::Severity::Error, {*result.error});
  }
}

}  // namespace detgw::kubectl_detgw
