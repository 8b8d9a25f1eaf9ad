#include "core/kube/redact.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/kube/json_depth.hpp"

namespace detgw::kube {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Field names whose values are credentials wherever they appear (kubeconfig users, exec
// credentials, TokenRequest status, auth-provider config).
constexpr std::array<std::string_view, 16> kSecretKeys = {"token",
                                                          "password",
                                                          "client-key-data",
                                                          "client-certificate-data",
                                                          "clientKeyData",
                                                          "clientCertificateData",
                                                          "id-token",
                                                          "refresh-token",
                                                          "access-token",
                                                          "client-secret",
                                                          "certificate-authority-data",
                                                          "idp-certificate-authority-data",
                                                          "bearerToken",
                                                          "secret",
                                                          "privateKey",
                                                          "tls.key"};

bool is_secret_key(std::string_view key) {
  return std::any_of(kSecretKeys.begin(), kSecretKeys.end(),
                     [&](std::string_view k) { return k == key; });
}

void mask_values(rapidjson::Value& map, rapidjson::Document::AllocatorType& alloc) {
  if (!map.IsObject()) return;
  for (auto& m : map.GetObject()) m.value.SetString(kMasked.data(), kMasked.size(), alloc);
}

std::string_view kind_of(const rapidjson::Value& object) {
  auto k = object.FindMember("kind");
  if (k == object.MemberEnd() || !k->value.IsString()) return {};
  return {k->value.GetString(), k->value.GetStringLength()};
}

enum class Within {
  Nothing,
  SecretItem,  // an item of a SecretList: a Secret, though the API server omits its kind
  Secret,      // somewhere inside a Secret (its metadata, say)
};

void redact_value(rapidjson::Value& v, rapidjson::Document::AllocatorType& alloc,
                  Within within = Within::Nothing) {
  if (v.IsArray()) {
    for (auto& item : v.GetArray()) redact_value(item, alloc);
    return;
  }
  if (!v.IsObject()) return;
  const std::string_view kind = kind_of(v);
  const bool is_secret = within == Within::SecretItem || kind == "Secret";
  const bool in_secret = is_secret || within == Within::Secret;
  const bool is_secret_list = kind == "SecretList";
  for (auto& m : v.GetObject()) {
    std::string_view key(m.name.GetString(), m.name.GetStringLength());
    if (is_secret && (key == "data" || key == "stringData")) {
      mask_values(m.value, alloc);
    } else if (is_secret_list && key == "items" && m.value.IsArray()) {
      for (auto& item : m.value.GetArray()) redact_value(item, alloc, Within::SecretItem);
    } else if (is_secret_key(key) && (m.value.IsString() || m.value.IsNumber())) {
      if (!(m.value.IsString() && m.value.GetStringLength() == 0))
        m.value.SetString(kMasked.data(), kMasked.size(), alloc);
    } else if (in_secret && key == "kubectl.kubernetes.io/last-applied-configuration" &&
               m.value.IsString()) {
      // The Secret as it was applied, data included.
      m.value.SetString(kMasked.data(), kMasked.size(), alloc);
    } else {
      redact_value(m.value, alloc, in_secret ? Within::Secret : Within::Nothing);
    }
  }
}

bool looks_like_json(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (body[first] == '{' || body[first] == '[');
}

}  // namespace

std::string redact_header(std::string_view name, std::string_view value) {
  if (iequals(name, "Authorization") || iequals(name, "Proxy-Authorization")) {
    auto space = value.find(' ');
    if (space == std::string_view::npos) return std::string(kMasked);
    return std::string(value.substr(0, space)) + " " + std::string(kMasked);
  }
  return std::string(value);
}

std::string redact_json(std::string_view body) {
  // Too deep to walk safely: show nothing of it rather than something unmasked.
  if (json_nesting_exceeds(body)) return "<body nested too deeply to show>";
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !(doc.IsObject() || doc.IsArray())) {
    // Cut off or malformed JSON (a dropped connection, a body over the limit) cannot be walked,
    // and may hold a Secret: only its size is shown. Plain text is shown as it is.
    if (looks_like_json(body))
      return "<body is not valid JSON, not shown: " + std::to_string(body.size()) + " bytes>";
    return std::string(body);
  }
  redact_value(doc, doc.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

void Redactor::add_secret(std::string secret) {
  // Very short strings would mask ordinary text; credentials are never that short.
  if (secret.size() < 6) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
    secrets_.push_back(std::move(secret));
}

std::string Redactor::scrub(std::string text) const {
  for (const auto& s : secrets_) {
    for (auto pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos)) {
      text.replace(pos, s.size(), kMasked);
      pos += kMasked.size();
    }
  }
  return text;
}

}  // namespace detgw::kube
