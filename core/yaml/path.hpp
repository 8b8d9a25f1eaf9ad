#pragma once
// A location inside a document in the input's own coordinates: `a.b[0]["x.y"]` for people and
// an RFC 6901 pointer (`/a/b/0/x.y`) for tools.
//
// A path is a list linked from its last element back to the first, and paths made from one
// another share their common prefix: extending a path is one small allocation, copying one is a
// reference count. A model holds paths for the fields of thousands of RMs, so this matters.

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace detgw::yaml {

class Path {
 public:
  using Element = std::variant<std::string, std::size_t>;

  Path() = default;
  Path(const Path& other);
  Path(Path&& other) noexcept;
  Path& operator=(const Path& other);
  Path& operator=(Path&& other) noexcept;
  ~Path();

  static Path parse_dotted(const std::string& dotted);  // "a.b[0]" (no quoting support needed)

  Path key(std::string_view k) const;
  Path index(std::size_t i) const;
  Path operator/(const Path& tail) const;

  std::vector<Element> elements() const;  // first to last
  bool empty() const { return last_ == nullptr; }
  std::size_t size() const;

  std::string dotted() const;
  std::string pointer() const;

  bool operator==(const Path& other) const;

 private:
  struct Link;
  explicit Path(const Link* last) : last_(last) {}
  std::vector<const Link*> in_order() const;  // the links first to last

  const Link* last_ = nullptr;  // holds one reference; null for the empty path
};

}  // namespace detgw::yaml
