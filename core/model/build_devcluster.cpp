#include "core/model/build.hpp"
#include "core/model/build_common.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::model {
namespace {

struct Expansion {
  std::string text;
  std::vector<std::string> unset;
};

bool var_char(char c, bool first) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (!first && c >= '0' && c <= '9');
}

// `$VAR` and `${VAR}` from the environment; an unset variable stays as written.
Expansion expand(const std::string& text, const EnvLookup& env) {
  Expansion out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out.text += text[i];
      continue;
    }
    std::size_t start = i + 1, end;
    bool braced = text[start] == '{';
    if (braced) {
      end = text.find('}', start);
      if (end == std::string::npos) {
        out.text += text[i];
        continue;
      }
      ++start;
    } else {
      end = start;
      while (end < text.size() && var_char(text[end], end == start)) ++end;
      if (end == start) {
        out.text += text[i];
        continue;
      }
    }
    std::string name = text.substr(start, end - start);
    std::size_t consumed_to = braced ? end : end - 1;
    auto value =
        name == "DOCKER_LOCALHOST" ? std::optional<std::string>("host.docker.internal") : env(name);
    if (value) {
      out.text += *value;
    } else {
      out.unset.push_back(name);
      out.text.append(text, i, consumed_to - i + 1);
    }
    i = consumed_to;
  }
  return out;
}

using Placeholders = std::map<const yaml::Node*, ConfigModel::Placeholder>;

yaml::NodePtr expand_tree(const yaml::NodePtr& node, const yaml::Path& path, const EnvLookup& env,
                          Placeholders& unset, std::size_t& budget) {
  if (!node || budget == 0) return node;
  --budget;
  if (node->is_scalar()) {
    if (!yaml::as_string(*node) || node->text.find('$') == std::string::npos) return node;
    Expansion e = expand(node->text, env);
    auto copy = std::make_shared<yaml::Node>(*node);
    copy->text = e.text;
    copy->tag.assign(1, '!');  // a substituted value stays a string
    if (!e.unset.empty()) unset[copy.get()] = {"$" + e.unset.front(), path};
    return copy;
  }
  if (node->is_null()) return node;
  auto copy = std::make_shared<yaml::Node>(*node);
  for (std::size_t i = 0; i < copy->items.size(); ++i)
    copy->items[i] = expand_tree(copy->items[i], path.index(i), env, unset, budget);
  for (auto& entry : copy->entries)
    entry.value = expand_tree(entry.value, path.key(entry.key), env, unset, budget);
  return copy;
}

}  // namespace

std::vector<ConfigModel> build_devcluster_models(const yaml::Document& document,
                                                 const EnvLookup& env) {
  std::vector<ConfigModel> models;
  const yaml::Node* stages = document.root->find("stages");
  if (!stages || !stages->is_sequence()) return models;
  for (std::size_t i = 0; i < stages->items.size(); ++i) {
    const yaml::Node* master = stages->items[i]->find("master");
    if (!master) continue;
    const yaml::Entry* config = master->find_entry("config_file");
    if (!config || !config->value->is_mapping()) continue;
    Placeholders unset;
    std::size_t budget = 2'000'000;
    const yaml::Path prefix = yaml::Path().key("stages").index(i).key("master").key("config_file");
    yaml::NodePtr expanded = expand_tree(config->value, prefix, env, unset, budget);
    ConfigModel model = build_master_model(expanded, document.file, prefix);
    model.shape = InputShape::Devcluster;
    model.owned.push_back(expanded);
    model.unset_placeholders = std::move(unset);
    // Duplicate keys are a property of the text as written, before expansion.
    model.documents = {config->value.get()};
    model.lowercased_maps.clear();
    detail::collect_lowercased_maps(config->value.get(), model.lowercased_maps);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace detgw::model
