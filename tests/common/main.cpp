#define BOOST_TEST_MODULE detgw
#include <boost/test/unit_test.hpp>
