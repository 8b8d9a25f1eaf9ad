#include "core/kube/api_client.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/kube/base64.hpp"
#include "core/kube/json_depth.hpp"

namespace detgw::kube {
namespace {

constexpr auto kTokenFileRefresh = std::chrono::minutes(1);

std::string with_query(const std::string& path, const std::string& key, const std::string& value) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + key + "=" + url_escape(value);
}

std::string dry_run_path(const std::string& path, DryRun dry_run) {
  return dry_run == DryRun::All ? with_query(path, "dryRun", "All") : path;
}

std::string read_trimmed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

std::string url_escape(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string resource_path(const std::string& group, const std::string& version,
                          const std::string& resource, const std::string& namespace_,
                          const std::string& name) {
  std::string p = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  if (!namespace_.empty()) p += "/namespaces/" + namespace_;
  p += "/" + resource;
  if (!name.empty()) p += "/" + name;
  return p;
}

Result<Json> decode_response(const HttpResponse& r) {
  if (r.status < 200 || r.status > 299)
    return status_error(r.status, r.body, r.header("Content-Type"));
  Json doc;
  if (r.body.empty()) {
    doc.SetObject();
    return doc;
  }
  if (json_nesting_exceeds(r.body))
    return decode_error("the server's answer nests deeper than " + std::to_string(kMaxJsonNesting) +
                        " levels (HTTP " + std::to_string(r.status) + ", " +
                        std::to_string(r.body.size()) + " bytes)");
  doc.Parse<rapidjson::kParseIterativeFlag>(r.body.data(), r.body.size());
  if (doc.HasParseError())
    return decode_error("the server's answer is not JSON (HTTP " + std::to_string(r.status) + ", " +
                        std::to_string(r.body.size()) + " bytes)");
  return doc;
}

Result<std::unique_ptr<ApiClient>> ApiClient::create(const RestConfig& config, Logger logger,
                                                     RetryPolicy retry) {
  auto transport = Transport::create(config, logger, retry);
  if (!transport) return transport.error();
  std::unique_ptr<ApiClient> c(new ApiClient());
  c->config_ = config;
  c->logger_ = std::move(logger);
  c->transport_ = std::move(*transport);
  c->token_read_ = std::chrono::steady_clock::now();
  // Exec plugins only supply credentials when no token, basic or certificate auth is set.
  if (config.exec && !config.has_token_auth() && !config.has_basic_auth() &&
      !config.has_cert_auth())
    c->exec_ = std::make_unique<ExecAuthenticator>(config, c->logger_);
  if (!config.client_key_data.empty())
    c->transport_->redactor().add_secret(base64_encode(config.client_key_data));
  return c;
}

std::optional<ApiError> ApiClient::authenticate(HttpRequest& req) {
  if (!config_.token_file.empty() &&
      std::chrono::steady_clock::now() - token_read_ > kTokenFileRefresh) {
    std::string token = read_trimmed(config_.token_file);
    if (!token.empty()) {
      config_.token = token;
      transport_->redactor().add_secret(token);
    }
    token_read_ = std::chrono::steady_clock::now();
  }
  if (!config_.token.empty()) {
    req.headers.emplace_back("Authorization", "Bearer " + config_.token);
  } else if (config_.has_basic_auth()) {
    req.headers.emplace_back("Authorization",
                             "Basic " + base64_encode(config_.username + ":" + config_.password));
  } else if (exec_) {
    auto cred = exec_->credential();
    if (!cred) return cred.error();
    if (!cred->token.empty()) {
      transport_->redactor().add_secret(cred->token);
      req.headers.emplace_back("Authorization", "Bearer " + cred->token);
    } else {
      transport_->redactor().add_secret(cred->client_key_data);
      req.client_certificate_data = cred->client_certificate_data;
      req.client_key_data = cred->client_key_data;
    }
  }
  if (!config_.impersonate_user.empty()) {
    req.headers.emplace_back("Impersonate-User", config_.impersonate_user);
    if (!config_.impersonate_uid.empty())
      req.headers.emplace_back("Impersonate-Uid", config_.impersonate_uid);
    for (const auto& g : config_.impersonate_groups)
      req.headers.emplace_back("Impersonate-Group", g);
    for (const auto& [k, values] : config_.impersonate_extra)
      for (const auto& v : values)
        req.headers.emplace_back("Impersonate-Extra-" + url_escape(k), v);
  } else if (!config_.impersonate_groups.empty()) {
    // client-go refuses groups without a user; so does the API server.
    return credential_error(
        "requesting uid, groups or user-extra without impersonating a user (--as-group needs "
        "--as)");
  }
  return std::nullopt;
}

Result<HttpResponse> ApiClient::send(HttpRequest request) {
  HttpRequest attempt = request;
  if (auto e = authenticate(attempt)) return *e;
  auto r = transport_->send(attempt);
  if (r && r->status == 401 && exec_) {
    // The credential may have been revoked before its expiry: run the plugin once more.
    logger_.log(4, "got 401 with exec credentials; running the plugin again");
    exec_->invalidate();
    attempt = request;
    if (auto e = authenticate(attempt)) return *e;
    r = transport_->send(attempt);
  }
  return r;
}

Result<Json> ApiClient::call(const std::string& method, const std::string& path,
                             std::string_view body, const std::string& content_type) {
  HttpRequest req;
  req.method = method;
  req.path = path;
  req.body = std::string(body);
  if (!content_type.empty()) req.headers.emplace_back("Content-Type", content_type);
  auto r = send(std::move(req));
  if (!r) return r.error();
  return decode_response(*r);
}

Result<Json> ApiClient::get(const std::string& path) { return call("GET", path, {}, {}); }

Result<ListResult> ApiClient::list(const std::string& path, const ListOptions& options) {
  ListResult out;
  out.list.SetObject();
  auto& alloc = out.list.GetAllocator();
  rapidjson::Value items(rapidjson::kArrayType);
  std::string continue_token;
  bool unlimited = options.limit <= 0;
  for (;;) {
    std::string p = path;
    if (!unlimited) p = with_query(p, "limit", std::to_string(options.limit));
    if (!options.label_selector.empty()) p = with_query(p, "labelSelector", options.label_selector);
    if (!options.field_selector.empty()) p = with_query(p, "fieldSelector", options.field_selector);
    if (!continue_token.empty()) p = with_query(p, "continue", continue_token);
    auto page = get(p);
    ++out.pages;
    if (!page) {
      // The continue token expired (410): list again in one go, like client-go's pager.
      if (page.error().http_code == 410 && !continue_token.empty() && !unlimited) {
        logger_.log(4, "continue token expired; listing again without pagination");
        unlimited = true;
        continue_token.clear();
        items.SetArray();
        continue;
      }
      return page.error();
    }
    Json& doc = *page;
    if (!doc.IsObject()) return decode_error("a list response is not a JSON object");
    if (out.list.ObjectEmpty()) {
      for (const char* key : {"kind", "apiVersion"}) {
        if (auto it = doc.FindMember(key); it != doc.MemberEnd())
          out.list.AddMember(rapidjson::Value(key, alloc), rapidjson::Value(it->value, alloc),
                             alloc);
      }
    }
    if (auto it = doc.FindMember("items"); it != doc.MemberEnd() && it->value.IsArray()) {
      for (auto& item : it->value.GetArray()) items.PushBack(rapidjson::Value(item, alloc), alloc);
    }
    continue_token.clear();
    std::string resource_version;
    if (auto md = doc.FindMember("metadata"); md != doc.MemberEnd() && md->value.IsObject()) {
      if (auto c = md->value.FindMember("continue");
          c != md->value.MemberEnd() && c->value.IsString())
        continue_token = c->value.GetString();
      if (auto rv = md->value.FindMember("resourceVersion");
          rv != md->value.MemberEnd() && rv->value.IsString())
        resource_version = rv->value.GetString();
    }
    if (continue_token.empty() || unlimited) {
      rapidjson::Value md(rapidjson::kObjectType);
      md.AddMember("resourceVersion", rapidjson::Value(resource_version.c_str(), alloc), alloc);
      if (out.list.HasMember("metadata")) out.list.RemoveMember("metadata");
      out.list.AddMember("metadata", md, alloc);
      break;
    }
  }
  out.list.AddMember("items", items, alloc);
  return out;
}

Result<Json> ApiClient::create(const std::string& path, std::string_view object_json,
                               DryRun dry_run) {
  return call("POST", dry_run_path(path, dry_run), object_json, "application/json");
}

Result<Json> ApiClient::replace(const std::string& path, std::string_view object_json,
                                DryRun dry_run) {
  return call("PUT", dry_run_path(path, dry_run), object_json, "application/json");
}

Result<Json> ApiClient::json_patch(const std::string& path, std::string_view ops, DryRun dry_run) {
  auto r = call("PATCH", dry_run_path(path, dry_run), ops, "application/json-patch+json");
  // kube-apiserver reports a JSON Patch that cannot be applied (a `test` that does not match, a
  // path that is gone) as a bare 422 Invalid without details: for a guarded patch that means
  // the object changed under us.
  if (!r && r.error().http_code == 422 && ops.find("\"test\"") != std::string_view::npos &&
      r.error().server_message ==
          "the server rejected our request due to an error in our request") {
    ApiError e = r.error();
    e.patch_test_failed = true;
    e.message += " (a JSON Patch precondition did not hold: the object changed)";
    return e;
  }
  return r;
}

Result<Json> ApiClient::merge_patch(const std::string& path, std::string_view patch,
                                    DryRun dry_run) {
  return call("PATCH", dry_run_path(path, dry_run), patch, "application/merge-patch+json");
}

Result<Json> ApiClient::apply(const std::string& path, std::string_view object_json,
                              const ApplyOptions& options) {
  std::string p = with_query(path, "fieldManager",
                             options.field_manager.empty() ? "detgw" : options.field_manager);
  if (options.force) p = with_query(p, "force", "true");
  return call("PATCH", dry_run_path(p, options.dry_run), object_json,
              "application/apply-patch+yaml");
}

Result<Json> ApiClient::remove(const std::string& path, DryRun dry_run) {
  return call("DELETE", dry_run_path(path, dry_run), {}, {});
}

Result<Json> ApiClient::remove_uid(const std::string& path, const std::string& uid,
                                   DryRun dry_run) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("apiVersion");
  w.String("v1");
  w.Key("kind");
  w.String("DeleteOptions");
  w.Key("preconditions");
  w.StartObject();
  w.Key("uid");
  w.String(uid.c_str(), static_cast<rapidjson::SizeType>(uid.size()));
  w.EndObject();
  w.EndObject();
  return call("DELETE", dry_run_path(path, dry_run), buffer.GetString(), "application/json");
}

std::vector<Result<Json>> ApiClient::get_all(
    const std::vector<std::pair<ApiClient*, std::string>>& requests) {
  std::vector<Call> calls;
  calls.reserve(requests.size());
  for (const auto& [client, path] : requests) calls.push_back({client, "GET", path, {}, {}});
  return call_all(calls);
}

std::vector<Result<Json>> ApiClient::call_all(const std::vector<Call>& calls) {
  std::vector<std::optional<Result<Json>>> results(calls.size());
  std::vector<std::pair<Transport*, HttpRequest>> batch;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const Call& call = calls[i];
    HttpRequest req;
    req.method = call.method;
    req.path = call.path;
    req.body = call.body;
    if (!call.content_type.empty()) req.headers.emplace_back("Content-Type", call.content_type);
    if (auto e = call.client->authenticate(req)) {
      results[i].emplace(*e);
      continue;
    }
    batch.emplace_back(&call.client->transport(), std::move(req));
    index.push_back(i);
  }
  auto responses = Transport::send_all(batch);
  for (std::size_t k = 0; k < responses.size(); ++k) {
    const std::size_t i = index[k];
    const Call& call = calls[i];
    if (responses[k] && responses[k]->status == 401 && call.client->exec_) {
      // The re-exec path, one request at a time.
      results[i].emplace(call.client->call(call.method, call.path, call.body, call.content_type));
      continue;
    }
    if (!responses[k])
      results[i].emplace(responses[k].error());
    else
      results[i].emplace(decode_response(*responses[k]));
  }
  std::vector<Result<Json>> out;
  out.reserve(results.size());
  for (auto& r : results) out.push_back(std::move(*r));
  return out;
}

}  // namespace detgw::kube
