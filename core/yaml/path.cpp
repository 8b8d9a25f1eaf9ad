#include "core/yaml/path.hpp"

namespace detgw::yaml {
namespace {

bool needs_quotes(const std::string& key) {
  if (key.empty()) return true;
  for (char c : key)
    if (c == '.' || c == '[' || c == ']' || c == '"' || c == ' ') return true;
  return false;
}

std::string quote(const std::string& key) {
  std::string out = "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"]";
}

}  // namespace

Path Path::parse_dotted(const std::string& dotted) {
  Path path;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) path.elements_.emplace_back(current);
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
        path.elements_.emplace_back(inside.substr(1, inside.size() - 2));
      else
        path.elements_.emplace_back(
            static_cast<std::size_t>(std::stoul(inside.empty() ? "0" : inside)));
      i = close;
    } else {
      current += c;
    }
  }
  flush();
  return path;
}

Path Path::key(std::string k) const {
  Path out = *this;
  out.elements_.emplace_back(std::move(k));
  return out;
}

Path Path::index(std::size_t i) const {
  Path out = *this;
  out.elements_.emplace_back(i);
  return out;
}

Path Path::operator/(const Path& tail) const {
  Path out = *this;
  out.elements_.insert(out.elements_.end(), tail.elements_.begin(), tail.elements_.end());
  return out;
}

std::string Path::dotted() const {
  std::string out;
  for (const auto& element : elements_) {
    if (const auto* k = std::get_if<std::string>(&element)) {
      if (needs_quotes(*k)) {
        out += quote(*k);
      } else {
        if (!out.empty()) out += '.';
        out += *k;
      }
    } else {
      // Piece by piece: `"[" + std::to_string(i)` trips GCC 12's false -Wrestrict at -O3.
      out += '[';
      out += std::to_string(std::get<std::size_t>(element));
      out += ']';
    }
  }
  return out;
}

std::string Path::pointer() const {
  std::string out;
  for (const auto& element : elements_) {
    out += '/';
    if (const auto* k = std::get_if<std::string>(&element)) {
      for (char c : *k) {
        if (c == '~')
          out += "~0";
        else if (c == '/')
          out += "~1";
        else
          out += c;
      }
    } else {
      out += std::to_string(std::get<std::size_t>(element));
    }
  }
  return out;
}

}  // namespace detgw::yaml
