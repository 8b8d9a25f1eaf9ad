#pragma once
// Which kubeconfig files are read and how they merge (client-go clientcmd loading rules):
// --kubeconfig alone; else the KUBECONFIG list (missing files skipped); else ~/.kube/config.
// The first file to define a name wins the whole entry; current-context comes from the first
// file that sets it.

#include <string>
#include <vector>

#include "core/kube/environment.hpp"
#include "core/kube/kubeconfig.hpp"
#include "core/kube/log.hpp"

namespace detgw::kube {

struct KubeconfigFiles {
  std::vector<std::string> paths;  // in precedence order, duplicates removed
  bool explicit_path = false;      // from --kubeconfig: the file must exist
};

KubeconfigFiles kubeconfig_files(const std::string& explicit_path, const Environment& env);

Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs);

// Loads and merges the files. A file that does not exist is skipped (an error for --kubeconfig);
// a file that exists but cannot be read or parsed is an error naming it.
Expected<Kubeconfig> load_kubeconfig(const std::string& explicit_path, const Environment& env,
                                     const Logger& logger = {});

}  // namespace detgw::kube
