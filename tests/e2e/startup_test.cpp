// What the plugins load at start: libcurl (and the ~30 libraries it needs) only when a command
// talks to a cluster, so an offline lint or --help does not pay for it. Seen with the dynamic
// loader's own trace (LD_DEBUG=files), not with a clock.
#include <boost/test/unit_test.hpp>

#include "tests/common/test_support.hpp"

using detgw::test::run;

namespace {

bool loads_libcurl(const std::vector<std::string>& argv) {
  auto r = run(argv, {}, {"LD_DEBUG=files"});
  // The trace names every object the loader opens; it must have run for the answer to mean
  // anything.
  BOOST_REQUIRE_MESSAGE(r.err.find("file=libc.so.6") != std::string::npos, r.err);
  return r.err.find("file=libcurl.so.4") != std::string::npos;
}

const std::string kLint = DETGW_HELM_MULTIRM;
const std::string kDetgw = DETGW_KUBECTL_DETGW;

}  // namespace

BOOST_AUTO_TEST_SUITE(startup)

BOOST_AUTO_TEST_CASE(offline_commands_do_not_load_libcurl) {
  const auto example = (detgw::test::source_dir() / "examples" / "values-multicluster.yaml");
  BOOST_TEST(!loads_libcurl({kLint, "lint", "-f", example.string()}));
  BOOST_TEST(!loads_libcurl({kLint, "--help"}));
  BOOST_TEST(!loads_libcurl({kDetgw, "--help"}));
  BOOST_TEST(!loads_libcurl({kDetgw, "version", "--client"}));
}

// The other side: a command that sends a request loads it (here to a port nobody listens on).
BOOST_AUTO_TEST_CASE(a_command_that_talks_to_a_cluster_loads_libcurl) {
  BOOST_TEST(loads_libcurl({kDetgw, "status", "--server", "https://127.0.0.1:1",
                            "--insecure-skip-tls-verify", "--gateway", "ns/gw"}));
}

BOOST_AUTO_TEST_SUITE_END()
