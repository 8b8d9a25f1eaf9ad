#pragma once
// A plain Kubernetes API client over one cluster: authentication on every request (token,
// token file, client certificate, exec plugin with one re-exec on 401, impersonation), JSON in
// and out, Status errors as ApiError, pagination, patches, server-side apply and dry runs.

#include <rapidjson/document.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/auth_exec.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/transport.hpp"

namespace detgw::kube {

using Json = rapidjson::Document;

// "/api/v1/namespaces/ns/configmaps/name" or "/apis/group/version/..." (namespace/name optional).
std::string resource_path(const std::string& group, const std::string& version,
                          const std::string& resource, const std::string& namespace_ = {},
                          const std::string& name = {});
// Percent-encoding for a query value.
std::string url_escape(std::string_view text);

enum class DryRun { None, All };

struct ListOptions {
  int limit = 500;  // page size; 0 = no limit
  std::string label_selector;
  std::string field_selector;
};

struct ListResult {
  Json list;      // {kind, apiVersion, metadata, items: [...all pages...]}
  int pages = 0;  // requests made
};

struct ApplyOptions {
  std::string field_manager;
  bool force = false;
  DryRun dry_run = DryRun::None;
};

class ApiClient {
 public:
  static Result<std::unique_ptr<ApiClient>> create(const RestConfig& config, Logger logger = {},
                                                   RetryPolicy retry = {});

  Result<Json> get(const std::string& path);
  Result<ListResult> list(const std::string& path, const ListOptions& options = {});
  Result<Json> create(const std::string& path, std::string_view object_json,
                      DryRun dry_run = DryRun::None);
  Result<Json> replace(const std::string& path, std::string_view object_json,
                       DryRun dry_run = DryRun::None);
  // RFC 6902 JSON Patch; a failed `test` operation comes back with conflict() true.
  Result<Json> json_patch(const std::string& path, std::string_view operations_json,
                          DryRun dry_run = DryRun::None);
  Result<Json> merge_patch(const std::string& path, std::string_view patch_json,
                           DryRun dry_run = DryRun::None);
  // Server-side apply (application/apply-patch+yaml; JSON is valid YAML).
  Result<Json> apply(const std::string& path, std::string_view object_json,
                     const ApplyOptions& options);
  Result<Json> remove(const std::string& path, DryRun dry_run = DryRun::None);
  // DELETE only the object with this uid: one deleted and re-created meanwhile is a conflict.
  Result<Json> remove_uid(const std::string& path, const std::string& uid,
                          DryRun dry_run = DryRun::None);

  // One request with authentication added; an HTTP error status is returned as a response.
  Result<HttpResponse> send(HttpRequest request);

  // GETs to several clients at once (one curl multi); results in order.
  static std::vector<Result<Json>> get_all(
      const std::vector<std::pair<ApiClient*, std::string>>& requests);

  // Independent requests of any method, to one client or several, at once; results in order.
  struct Call {
    ApiClient* client = nullptr;
    std::string method = "GET";
    std::string path;
    std::string body;
    std::string content_type;  // "" = none
  };
  static std::vector<Result<Json>> call_all(const std::vector<Call>& calls);

  const RestConfig& config() const { return config_; }
  Transport& transport() { return *transport_; }
  const Logger& logger() const { return logger_; }
  // The exec authenticator when an exec plugin supplies credentials, else nullptr.
  ExecAuthenticator* exec() { return exec_.get(); }

 private:
  ApiClient() = default;
  std::optional<ApiError> authenticate(HttpRequest& request);
  Result<Json> call(const std::string& method, const std::string& path, std::string_view body,
                    const std::string& content_type);

  RestConfig config_;
  Logger logger_;
  std::shared_ptr<Transport> transport_;
  std::unique_ptr<ExecAuthenticator> exec_;
  std::chrono::steady_clock::time_point token_read_{};
};

// A decoded 2xx body, or the ApiError for an error status.
Result<Json> decode_response(const HttpResponse& response);

}  // namespace detgw::kube
