#include "core/model/config_model.hpp"

namespace detgw::model {

std::string to_string(InputShape shape) {
  switch (shape) {
    case InputShape::Values:
      return "values";
    case InputShape::Master:
      return "master";
    case InputShape::Devcluster:
      return "devcluster";
  }
  return "values";
}

SourceLocation Field::value_location() const {
  // An empty value (`key:` with nothing after it) is a null whose position is the next token's,
  // often lines below: point at the key instead.
  if (node && node->is_null() && entry && node->location.line != entry->key_location.line)
    return entry->key_location;
  if (node) return node->location;
  return key_location();
}

SourceLocation Field::key_location() const {
  if (entry) return entry->key_location;
  if (parent) return parent->location;
  if (node) return node->location;
  return {};
}

yaml::Path Field::path() const {
  if (index_ != kNone) return holder_.index(index_);
  if (key_) return holder_.key({key_, key_size_});
  return holder_;
}

void Field::set_path(yaml::Path path) {
  holder_ = std::move(path);
  key_ = nullptr;
  key_size_ = 0;
  index_ = kNone;
}

void Field::set_path(yaml::Path holder, std::string_view key) {
  if (key.size() >= kNone) return set_path(holder.key(key));
  holder_ = std::move(holder);
  key_ = key.data();
  key_size_ = static_cast<std::uint32_t>(key.size());
  index_ = kNone;
}

void Field::set_path(yaml::Path holder, std::size_t index) {
  if (index >= kNone) return set_path(holder.index(index));
  holder_ = std::move(holder);
  key_ = nullptr;
  key_size_ = 0;
  index_ = static_cast<std::uint32_t>(index);
}

std::string ResourceManager::label() const {
  std::string out = is_root ? "root RM" : "additional RM #" + std::to_string(index);
  if (!effective_name.empty()) out += " (" + effective_name + ")";
  return out;
}

std::size_t ConfigModel::pool_count() const {
  std::size_t n = 0;
  for (const auto& rm : rms) n += rm.pools.size() + (rm.implicit_default_pool ? 1 : 0);
  return n;
}

std::size_t ConfigModel::gateway_count() const {
  std::size_t n = 0;
  for (const auto& rm : rms) n += rm.gateway ? 1 : 0;
  return n;
}

}  // namespace detgw::model
