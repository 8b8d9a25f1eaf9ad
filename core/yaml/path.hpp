#pragma once
// A location inside a document in the input's own coordinates: `a.b[0]["x.y"]` for people and
// an RFC 6901 pointer (`/a/b/0/x.y`) for tools.

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace detgw::yaml {

class Path {
 public:
  using Element = std::variant<std::string, std::size_t>;

  Path() = default;
  static Path parse_dotted(const std::string& dotted);  // "a.b[0]" (no quoting support needed)

  Path key(std::string k) const;
  Path index(std::size_t i) const;
  Path operator/(const Path& tail) const;

  const std::vector<Element>& elements() const { return elements_; }
  bool empty() const { return elements_.empty(); }

  std::string dotted() const;
  std::string pointer() const;

  bool operator==(const Path&) const = default;

 private:
  std::vector<Element> elements_;
};

}  // namespace detgw::yaml
