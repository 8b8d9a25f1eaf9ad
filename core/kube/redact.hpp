#pragma once
// Keeping credentials out of every log line and message: Authorization headers, kubeconfig
// credential fields, exec credentials, TokenRequest tokens and Secret data.

#include <string>
#include <string_view>
#include <vector>

namespace detgw::kube {

inline constexpr std::string_view kMasked = "<masked>";

// `Authorization: Bearer abc` → `Bearer <masked>`; other headers unchanged.
std::string redact_header(std::string_view name, std::string_view value);

// A JSON body with credential fields (tokens, keys, passwords, wherever they are) masked, and
// the data, stringData and last-applied-configuration of Secrets: objects of kind Secret and the
// items of a SecretList (which carry no kind). JSON that does not parse is replaced by its size;
// other text is returned unchanged (run it through Redactor::scrub as well).
std::string redact_json(std::string_view body);

// Remembers the secret strings a client holds (tokens, key data) and removes any occurrence
// of them from text, as a last line of defence for text that is not structured.
class Redactor {
 public:
  void add_secret(std::string secret);
  std::string scrub(std::string text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace detgw::kube
