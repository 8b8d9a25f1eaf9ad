#include "core/yaml/arena.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>

namespace detgw::yaml {
namespace {

// Nothing in an arena has a destructor to run: freeing its blocks frees everything.
static_assert(std::is_trivially_destructible_v<Node>);
static_assert(std::is_trivially_destructible_v<Entry>);
static_assert(alignof(Node) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
static_assert(alignof(Entry) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);

constexpr std::size_t kMaxBlock = 1u << 20;
// Up to this many keys a mapping's keys are compared pairwise; above, through a hash set.
constexpr std::size_t kPairwiseKeys = 16;

std::uint32_t add_weight(std::uint32_t total, std::uint64_t more) {
  const std::uint64_t sum = total + more;
  return sum > std::numeric_limits<std::uint32_t>::max() ? std::numeric_limits<std::uint32_t>::max()
                                                         : static_cast<std::uint32_t>(sum);
}

bool distinct_keys(std::span<const Entry> entries) {
  if (entries.size() <= kPairwiseKeys) {
    for (std::size_t i = 1; i < entries.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (entries[i].key == entries[j].key) return false;
    return true;
  }
  std::unordered_set<std::string_view> seen;
  seen.reserve(entries.size());
  for (const Entry& entry : entries)
    if (!seen.insert(entry.key).second) return false;
  return true;
}

}  // namespace

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  // Every type stored here is aligned by operator new[], which aligns each block.
  auto space = static_cast<std::size_t>(end_ - next_);
  void* at = next_;
  if (next_ && std::align(align, bytes, at, space)) {
    next_ = static_cast<std::byte*>(at) + bytes;
    return at;
  }
  const std::size_t size = block_size_;
  block_size_ = std::min(block_size_ * 2, kMaxBlock);
  // A large request gets a block of its own; the current block stays in use for small ones.
  if (bytes > size / 2) {
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(bytes));
    return blocks_.back().get();
  }
  blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
  at = blocks_.back().get();
  next_ = static_cast<std::byte*>(at) + bytes;
  end_ = static_cast<std::byte*>(at) + size;
  return at;
}

std::string_view Arena::copy(std::string_view text) {
  // Empty, but never a null data(): readers of a key tell "no key" from "the key ''" by it.
  if (text.empty()) return std::string_view("", 0);
  auto* chars = static_cast<char*>(allocate(text.size(), 1));
  std::memcpy(chars, text.data(), text.size());
  return {chars, text.size()};
}

std::string_view Arena::intern(std::string_view text) {
  if (auto it = interned_.find(text); it != interned_.end()) return *it;
  const std::string_view stored = copy(text);
  interned_.insert(stored);
  return stored;
}

std::string_view Arena::tag(std::string_view tag) {
  if (tag.empty()) return {};
  if (tag == "!") return "!";
  return intern(tag);
}

const Node* Arena::null(Position at) {
  auto* node = new (allocate(sizeof(Node), alignof(Node))) Node;
  node->location = at;
  return node;
}

const Node* Arena::scalar(std::string_view text, Position at, std::string_view tag) {
  auto* node = new (allocate(sizeof(Node), alignof(Node))) Node;
  node->kind = NodeKind::Scalar;
  node->location = at;
  node->text = copy(text);
  node->tag = this->tag(tag);
  return node;
}

const Node* Arena::sequence(std::span<const Node* const> items, Position at, std::string_view tag) {
  auto* node = new (allocate(sizeof(Node), alignof(Node))) Node;
  node->kind = NodeKind::Sequence;
  node->location = at;
  node->tag = this->tag(tag);
  if (!items.empty()) {
    auto* stored = static_cast<const Node**>(allocate(items.size_bytes(), alignof(const Node*)));
    std::memcpy(stored, items.data(), items.size_bytes());
    node->items = {stored, items.size()};
  }
  for (const Node* item : items) {
    node->weight = add_weight(node->weight, item->weight);
    node->unique_keys = node->unique_keys && item->unique_keys;
  }
  return node;
}

const Node* Arena::mapping(std::span<const Entry> entries, Position at, std::string_view tag) {
  auto* node = new (allocate(sizeof(Node), alignof(Node))) Node;
  node->kind = NodeKind::Mapping;
  node->location = at;
  node->tag = this->tag(tag);
  if (!entries.empty()) {
    auto* stored = static_cast<Entry*>(allocate(entries.size_bytes(), alignof(Entry)));
    std::uninitialized_copy(entries.begin(), entries.end(), stored);
    node->entries = {stored, entries.size()};
  }
  for (const Entry& entry : entries) {
    node->weight = add_weight(node->weight, std::uint64_t{entry.value->weight} + 1);
    node->unique_keys = node->unique_keys && entry.key_is_scalar && entry.value->unique_keys;
  }
  node->unique_keys = node->unique_keys && distinct_keys(entries);
  return node;
}

void Arena::keep(std::shared_ptr<const void> owner) {
  if (owner) kept_.push_back(std::move(owner));
}

}  // namespace detgw::yaml
