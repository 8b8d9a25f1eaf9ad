#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace detgw::helm_multirm {

// `helm multirm add-cluster NAME [flags]`
class AddClusterCommand {
 public:
  explicit AddClusterCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  std::string name_;
  std::string cluster_kubeconfig_, cluster_context_;
  std::vector<std::string> pools_;
  long max_slots_per_pod_ = -1;
  std::string default_namespace_;
  std::string master_host_, master_scheme_;
  long master_port_ = -1;
  std::string gateway_, gateway_ip_, port_range_;
  std::string secret_name_, secret_key_ = "config";
  std::vector<std::string> values_files_;
  std::string secret_out_, values_out_;
  bool allow_exec_ = false;
  std::string service_account_, service_account_namespace_;
  std::string token_duration_ = "8760h";
  std::string color_ = "auto";
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::helm_multirm
