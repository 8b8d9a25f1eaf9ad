#pragma once
// Where nodes live. A loaded document is one arena: its nodes, their text and their child lists
// sit in a few large blocks, freed all at once, instead of one allocation per node, key and
// string. A tree made from other trees (a values merge, --set) is another arena that keeps the
// arenas it points into alive.

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/yaml/node.hpp"

namespace detgw::yaml {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // New nodes. Text and tags are copied in; children and the keys of entries are not, so they
  // must live in this arena or in one it keeps.
  const Node* null(Position at);
  const Node* scalar(std::string_view text, Position at, std::string_view tag = {});
  const Node* sequence(std::span<const Node* const> items, Position at, std::string_view tag = {});
  const Node* mapping(std::span<const Entry> entries, Position at, std::string_view tag = {});

  // `text` stored once per arena, for keys and tags, which repeat.
  std::string_view intern(std::string_view text);

  // Nodes of this arena point into `owner`'s tree: it lives as long as this arena.
  void keep(std::shared_ptr<const void> owner);

 private:
  void* allocate(std::size_t bytes, std::size_t align);
  std::string_view copy(std::string_view text);
  std::string_view tag(std::string_view tag);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::byte* end_ = nullptr;
  std::size_t block_size_ = 256;  // doubles up to kMaxBlock
  std::unordered_set<std::string_view> interned_;
  std::vector<std::shared_ptr<const void>> kept_;
};

// The shared handle of `node`, a node of `arena` (or of one it keeps): it keeps the arena alive.
inline NodePtr share(std::shared_ptr<const Arena> arena, const Node* node) {
  return NodePtr(std::move(arena), node);
}

}  // namespace detgw::yaml
