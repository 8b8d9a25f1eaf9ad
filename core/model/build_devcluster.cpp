#include "core/model/build.hpp"
#include "core/model/build_common.hpp"
#include "core/yaml/arena.hpp"
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
Expansion expand(std::string_view text, const EnvLookup& env) {
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
      if (end == std::string_view::npos) {
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
    std::string name(text.substr(start, end - start));
    std::size_t consumed_to = braced ? end : end - 1;
    auto value =
        name == "DOCKER_LOCALHOST" ? std::optional<std::string>("host.docker.internal") : env(name);
    if (value) {
      out.text += *value;
    } else {
      out.unset.push_back(name);
      out.text.append(text.substr(i, consumed_to - i + 1));
    }
    i = consumed_to;
  }
  return out;
}

using Placeholders = std::map<const yaml::Node*, ConfigModel::Placeholder>;

// The copy of `node` with variables expanded, its new nodes in `arena`.
const yaml::Node* expand_tree(yaml::Arena& arena, const yaml::Node* node, const yaml::Path& path,
                              const EnvLookup& env, Placeholders& unset, std::size_t& budget) {
  if (!node || budget == 0) return node;
  --budget;
  if (node->is_scalar()) {
    if (!yaml::as_string(*node) || node->text.find('$') == std::string_view::npos) return node;
    Expansion e = expand(node->text, env);
    // A substituted value stays a string.
    const yaml::Node* copy = arena.scalar(e.text, node->location, "!");
    if (!e.unset.empty()) unset[copy] = {"$" + e.unset.front(), path};
    return copy;
  }
  if (node->is_null()) return node;
  if (node->is_sequence()) {
    std::vector<const yaml::Node*> items(node->items.begin(), node->items.end());
    for (std::size_t i = 0; i < items.size(); ++i)
      items[i] = expand_tree(arena, items[i], path.index(i), env, unset, budget);
    return arena.sequence(items, node->location, node->tag);
  }
  std::vector<yaml::Entry> entries(node->entries.begin(), node->entries.end());
  for (auto& entry : entries)
    entry.value =
        expand_tree(arena, entry.value, path.key(std::string(entry.key)), env, unset, budget);
  return arena.mapping(entries, node->location, node->tag);
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
    auto arena = std::make_shared<yaml::Arena>();
    arena->keep(document.root);
    const yaml::NodePtr expanded =
        yaml::share(arena, expand_tree(*arena, config->value, prefix, env, unset, budget));
    ConfigModel model = build_master_model(expanded, document.file, prefix);
    model.shape = InputShape::Devcluster;
    model.owned.push_back(expanded);
    model.unset_placeholders = std::move(unset);
    // Duplicate keys are a property of the text as written, before expansion.
    model.documents = {config->value};
    model.lowercased_maps.clear();
    detail::collect_lowercased_maps(config->value, model.lowercased_maps);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace detgw::model
