#include "core/yaml/path.hpp"

#include <atomic>
#include <cstring>
#include <new>
#include <utility>

namespace detgw::yaml {
namespace {

bool needs_quotes(std::string_view key) {
  if (key.empty()) return true;
  for (char c : key)
    if (c == '.' || c == '[' || c == ']' || c == '"' || c == ' ') return true;
  return false;
}

std::string quote(std::string_view key) {
  std::string out = "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"]";
}

}  // namespace

// One element and a reference to the path before it. A key's characters follow the link in the
// same allocation.
struct Path::Link {
  mutable std::atomic<std::size_t> references;
  const Link* parent;  // holds one reference; null for the first element
  std::size_t size;    // elements up to and including this one
  std::size_t index;
  std::size_t key_size;
  bool is_key;

  std::string_view key() const { return {reinterpret_cast<const char*>(this + 1), key_size}; }
  Element element() const {
    if (is_key) return std::string(key());
    return index;
  }
  bool same_element(const Link& other) const {
    return is_key == other.is_key && (is_key ? key() == other.key() : index == other.index);
  }

  // A link after `parent`, with room for `key_size` characters after it.
  static Link* make(const Link* parent, bool is_key, std::size_t index, std::size_t key_size) {
    void* memory = ::operator new(sizeof(Link) + key_size);
    if (parent) parent->references.fetch_add(1, std::memory_order_relaxed);
    return new (memory) Link{{1}, parent, parent ? parent->size + 1 : 1, index, key_size, is_key};
  }

  // Drops one reference, and the links nobody else holds: a loop, not a recursion, however
  // long the path.
  static void release(const Link* link) {
    while (link && link->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      const Link* parent = link->parent;
      link->~Link();
      ::operator delete(const_cast<Link*>(link));
      link = parent;
    }
  }
};

Path::Path(const Path& other) : last_(other.last_) {
  if (last_) last_->references.fetch_add(1, std::memory_order_relaxed);
}

Path::Path(Path&& other) noexcept : last_(std::exchange(other.last_, nullptr)) {}

Path& Path::operator=(const Path& other) {
  if (other.last_) other.last_->references.fetch_add(1, std::memory_order_relaxed);
  Link::release(last_);
  last_ = other.last_;
  return *this;
}

Path& Path::operator=(Path&& other) noexcept {
  if (this != &other) {
    Link::release(last_);
    last_ = std::exchange(other.last_, nullptr);
  }
  return *this;
}

Path::~Path() { Link::release(last_); }

std::vector<const Path::Link*> Path::in_order() const {
  std::vector<const Link*> out(size());
  for (const Link* link = last_; link; link = link->parent) out[link->size - 1] = link;
  return out;
}

Path Path::parse_dotted(const std::string& dotted) {
  Path path;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) path = path.key(current);
    current.clear();
  };
  for (std::size_t i = 0; i < dotted.size(); ++i) {
    char c = dotted[i];
    if (c == '.') {
      flush();
    } else if (c == '[') {
      flush();
      auto close = dotted.find(']', i);
      if (close == std::string::npos) break;
      std::string inside = dotted.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.front() == '"' && inside.back() == '"' && inside.size() >= 2)
        path = path.key(inside.substr(1, inside.size() - 2));
      else
        path = path.index(static_cast<std::size_t>(std::stoul(inside.empty() ? "0" : inside)));
      i = close;
    } else {
      current += c;
    }
  }
  flush();
  return path;
}

Path Path::key(std::string_view k) const {
  Link* link = Link::make(last_, true, 0, k.size());
  if (!k.empty()) std::memcpy(reinterpret_cast<char*>(link + 1), k.data(), k.size());
  return Path(link);
}

Path Path::index(std::size_t i) const { return Path(Link::make(last_, false, i, 0)); }

Path Path::operator/(const Path& tail) const {
  Path out = *this;
  for (const Link* link : tail.in_order())
    out = link->is_key ? out.key(link->key()) : out.index(link->index);
  return out;
}

std::vector<Path::Element> Path::elements() const {
  std::vector<Element> out;
  for (const Link* link : in_order()) out.push_back(link->element());
  return out;
}

std::size_t Path::size() const { return last_ ? last_->size : 0; }

bool Path::operator==(const Path& other) const {
  if (size() != other.size()) return false;
  // Walking back from both ends stops as soon as the two share the rest of their links.
  for (const Link *a = last_, *b = other.last_; a != b; a = a->parent, b = b->parent)
    if (!a->same_element(*b)) return false;
  return true;
}

std::string Path::dotted() const {
  std::string out;
  for (const Link* link : in_order()) {
    if (link->is_key) {
      const std::string_view k = link->key();
      if (needs_quotes(k)) {
        out += quote(k);
      } else {
        if (!out.empty()) out += '.';
        out += k;
      }
    } else {
      // Piece by piece: `"[" + std::to_string(i)` trips GCC 12's false -Wrestrict at -O3.
      out += '[';
      out += std::to_string(link->index);
      out += ']';
    }
  }
  return out;
}

std::string Path::pointer() const {
  std::string out;
  for (const Link* link : in_order()) {
    out += '/';
    if (link->is_key) {
      for (char c : link->key()) {
        if (c == '~')
          out += "~0";
        else if (c == '/')
          out += "~1";
        else
          out += c;
      }
    } else {
      out += std::to_string(link->index);
    }
  }
  return out;
}

}  // namespace detgw::yaml
