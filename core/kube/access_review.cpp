#include "core/kube/access_review.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace detgw::kube {
namespace {

void put(rapidjson::Value& obj, const char* key, const std::string& value,
         rapidjson::Document::AllocatorType& a) {
  if (!value.empty())
    obj.AddMember(rapidjson::StringRef(key), rapidjson::Value(value.c_str(), a), a);
}

std::string review_body(const char* kind, const Subject* who, const ResourceAttributes& what) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("apiVersion", "authorization.k8s.io/v1", a);
  doc.AddMember("kind", rapidjson::StringRef(kind), a);
  rapidjson::Value spec(rapidjson::kObjectType);
  rapidjson::Value attrs(rapidjson::kObjectType);
  put(attrs, "verb", what.verb, a);
  put(attrs, "group", what.group, a);
  put(attrs, "resource", what.resource, a);
  put(attrs, "subresource", what.subresource, a);
  put(attrs, "namespace", what.namespace_, a);
  put(attrs, "name", what.name, a);
  spec.AddMember("resourceAttributes", attrs, a);
  if (who) {
    put(spec, "user", who->user, a);
    rapidjson::Value groups(rapidjson::kArrayType);
    for (const auto& g : who->groups) groups.PushBack(rapidjson::Value(g.c_str(), a), a);
    spec.AddMember("groups", groups, a);
  }
  doc.AddMember("spec", spec, a);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

constexpr const char* kSelfReviews = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
constexpr const char* kReviews = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

}  // namespace

Result<AccessDecision> review_decision(Result<Json> r) {
  if (!r) return r.error();
  AccessDecision d;
  auto status = r->FindMember("status");
  if (status == r->MemberEnd() || !status->value.IsObject())
    return decode_error("access review returned no status");
  const auto& s = status->value;
  if (auto it = s.FindMember("allowed"); it != s.MemberEnd() && it->value.IsBool())
    d.allowed = it->value.GetBool();
  if (auto it = s.FindMember("denied"); it != s.MemberEnd() && it->value.IsBool())
    d.denied = it->value.GetBool();
  if (auto it = s.FindMember("reason"); it != s.MemberEnd() && it->value.IsString())
    d.reason = it->value.GetString();
  if (auto it = s.FindMember("evaluationError"); it != s.MemberEnd() && it->value.IsString())
    d.evaluation_error = it->value.GetString();
  return d;
}

Result<AccessDecision> can_i(ApiClient& client, const ResourceAttributes& what) {
  return review_decision(
      client.create(kSelfReviews, review_body("SelfSubjectAccessReview", nullptr, what)));
}

Subject service_account_subject(const std::string& namespace_, const std::string& name) {
  return Subject{
      "system:serviceaccount:" + namespace_ + ":" + name,
      {"system:serviceaccounts", "system:serviceaccounts:" + namespace_, "system:authenticated"}};
}

Result<AccessDecision> can_subject(ApiClient& client, const Subject& who,
                                   const ResourceAttributes& what) {
  return review_decision(client.create(kReviews, review_body("SubjectAccessReview", &who, what)));
}

ApiClient::Call review_call(ApiClient& client, const AccessQuestion& question) {
  const Subject* who = question.who;
  return {&client, "POST", who ? kReviews : kSelfReviews,
          review_body(who ? "SubjectAccessReview" : "SelfSubjectAccessReview", who, question.what),
          "application/json"};
}

std::vector<Result<AccessDecision>> review_all(ApiClient& client,
                                               const std::vector<AccessQuestion>& questions) {
  std::vector<ApiClient::Call> calls;
  calls.reserve(questions.size());
  for (const auto& question : questions) calls.push_back(review_call(client, question));
  std::vector<Result<AccessDecision>> out;
  out.reserve(questions.size());
  for (auto& answer : ApiClient::call_all(calls)) out.push_back(review_decision(std::move(answer)));
  return out;
}

}  // namespace detgw::kube
