// libcurl is loaded on first use (core/kube/curl_library.hpp): a library that is missing, or that
// is not libcurl, is a cluster error naming the file and what to install, never a crash.
#include "core/kube/curl_library.hpp"

#include <boost/test/unit_test.hpp>

using namespace detgw;
using namespace detgw::kube;

BOOST_AUTO_TEST_SUITE(curl_library)

BOOST_AUTO_TEST_CASE(the_system_libcurl_loads_once) {
  auto first = kube::curl_library();
  if (!first) BOOST_FAIL(first.error().message);
  auto again = kube::curl_library();
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(*first == *again);
  const curl_version_info_data* info = (*first)->version_info(CURLVERSION_NOW);
  BOOST_REQUIRE(info != nullptr);
  BOOST_TEST(info->version_num >= kCurlMinimumVersion);
}

BOOST_AUTO_TEST_CASE(a_missing_library_is_a_cluster_error_naming_it_and_the_package) {
  auto lib = load_curl_library("libdetgw-test-no-such-curl.so.4");
  BOOST_REQUIRE(!lib.ok());
  const ApiError& e = lib.error();
  BOOST_TEST(static_cast<int>(e.kind) == static_cast<int>(ErrorKind::Cluster));
  BOOST_TEST(e.message.find("cannot load libdetgw-test-no-such-curl.so.4") != std::string::npos,
             e.message);
  BOOST_TEST(e.message.find("libcurl 7.85 or newer") != std::string::npos, e.message);
  BOOST_TEST(e.message.find("package libcurl4") != std::string::npos, e.message);
}

// A library that loads but has none of libcurl's functions (zlib: one of libcurl's own
// dependencies, so present wherever libcurl is).
BOOST_AUTO_TEST_CASE(a_library_that_is_not_libcurl_is_refused) {
  auto lib = load_curl_library("libz.so.1");
  BOOST_REQUIRE(!lib.ok());
  BOOST_TEST(lib.error().message.find("libz.so.1 is not a usable libcurl (it has no "
                                      "curl_version_info)") != std::string::npos,
             lib.error().message);
  BOOST_TEST(static_cast<int>(lib.error().kind) == static_cast<int>(ErrorKind::Cluster));
}

BOOST_AUTO_TEST_SUITE_END()
