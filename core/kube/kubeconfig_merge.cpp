#include "core/kube/kubeconfig_merge.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace detgw::kube {

KubeconfigFiles kubeconfig_files(const std::string& explicit_path, const Environment& env) {
  KubeconfigFiles files;
  if (!explicit_path.empty()) {
    files.paths.push_back(explicit_path);
    files.explicit_path = true;
    return files;
  }
  if (auto list = env.get("KUBECONFIG")) {
    std::size_t start = 0;
    while (start <= list->size()) {
      auto end = list->find(':', start);
      if (end == std::string::npos) end = list->size();
      std::string path = list->substr(start, end - start);
      if (!path.empty() &&
          std::find(files.paths.begin(), files.paths.end(), path) == files.paths.end())
        files.paths.push_back(path);
      start = end + 1;
    }
    return files;
  }
  const std::string home = env.home();
  if (!home.empty()) files.paths.push_back(home + "/.kube/config");
  return files;
}

Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs) {
  Kubeconfig merged;
  for (const auto& config : configs) {
    // map::insert keeps an existing entry: the first file to define a name wins it whole.
    merged.clusters.insert(config.clusters.begin(), config.clusters.end());
    merged.users.insert(config.users.begin(), config.users.end());
    merged.contexts.insert(config.contexts.begin(), config.contexts.end());
    if (merged.current_context.empty() && !config.current_context.empty()) {
      merged.current_context = config.current_context;
      merged.current_context_origin = config.current_context_origin;
    }
    merged.files.insert(merged.files.end(), config.files.begin(), config.files.end());
  }
  return merged;
}

Expected<Kubeconfig> load_kubeconfig(const std::string& explicit_path, const Environment& env,
                                     const Logger& logger) {
  const KubeconfigFiles files = kubeconfig_files(explicit_path, env);
  std::vector<Kubeconfig> configs;
  std::vector<std::string> missing;
  for (const auto& path : files.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      if (files.explicit_path)
        return input_error("stat " + path + ": no such file or directory", {path, 0, 0});
      missing.push_back(path);
      continue;
    }
    if (std::filesystem::is_directory(path, ec)) {
      return input_error("read " + path + ": is a directory", {path, 0, 0});
    }
    auto config = load_kubeconfig_file(path);
    if (!config) return config.error();
    configs.push_back(std::move(*config));
  }
  if (configs.empty() && !missing.empty() && env.get("KUBECONFIG")) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    logger.warn("Config not found: " + list);
  }
  return merge_kubeconfigs(configs);
}

}  // namespace detgw::kube
