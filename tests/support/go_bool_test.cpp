// go_parse_bool: what Helm's HELM_DEBUG and HELM_KUBEINSECURE_SKIP_TLS_VERIFY can hold.
#include <boost/test/unit_test.hpp>

#include "core/support/go_bool.hpp"

BOOST_AUTO_TEST_SUITE(go_bool)

BOOST_AUTO_TEST_CASE(reads_what_strconv_parse_bool_reads) {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"})
    BOOST_TEST(detgw::go_parse_bool(yes).value_or(false), yes);
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"})
    BOOST_TEST(!detgw::go_parse_bool(no).value_or(true), no);
  for (const char* neither : {"", "yes", "on", "tRUE", " true", "2"})
    BOOST_TEST(!detgw::go_parse_bool(neither).has_value(), neither);
}

BOOST_AUTO_TEST_SUITE_END()
