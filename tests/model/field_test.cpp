// The paths of model fields: a field keeps the path of its mapping and its own key or index, and
// makes its whole path when asked.
#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>

#include "core/model/build.hpp"
#include "core/yaml/loader.hpp"

using namespace detgw;

namespace {

yaml::Document load(const std::string& text) {
  auto doc = yaml::load_text(text, "f.yaml");
  BOOST_REQUIRE(doc.ok());
  return std::move(*doc);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(model_field)

BOOST_AUTO_TEST_CASE(present_absent_and_item_fields_of_a_master_config) {
  const auto doc = load(R"(Resource_Manager:
  type: kubernetes
additional_resource_managers:
  - resource_manager:
      Type: kubernetes
      cluster_name: west
    resource_pools:
      - pool_name: a
      - Pool_Name: b
)");
  const auto model = model::build_master_model(doc.root, doc.file);
  BOOST_REQUIRE_EQUAL(model.rms.size(), 2u);
  const auto& root = model.rms[0];
  // A present key is named as written (viper folds case here), an absent one as looked up.
  BOOST_TEST(root.block.path().dotted() == "Resource_Manager");
  BOOST_TEST(root.type.path().dotted() == "Resource_Manager.type");
  BOOST_TEST(root.cluster_name.path().dotted() == "Resource_Manager.cluster_name");
  BOOST_TEST(!root.cluster_name);
  const auto& rm = model.rms[1];
  BOOST_TEST(rm.wrapper.path().dotted() == "additional_resource_managers[0]");
  // The RM block compares keys exactly: `Type` is not `type`.
  BOOST_TEST(rm.type.path().pointer() == "/additional_resource_managers/0/resource_manager/type");
  BOOST_TEST(!rm.type);
  BOOST_TEST(rm.cluster_name.path().dotted() ==
             "additional_resource_managers[0].resource_manager.cluster_name");
  BOOST_REQUIRE_EQUAL(rm.pools.size(), 2u);
  BOOST_TEST(rm.pools[1].entry.path().dotted() ==
             "additional_resource_managers[0].resource_pools[1]");
  BOOST_TEST(rm.pools[1].name.path().dotted() ==
             "additional_resource_managers[0].resource_pools[1].Pool_Name");
  BOOST_TEST(rm.pools[0].name.path().pointer() ==
             "/additional_resource_managers/0/resource_pools/0/pool_name");
}

BOOST_AUTO_TEST_CASE(fields_under_a_prefix_and_after_the_model_moves) {
  const auto doc = load("resource_manager:\n  type: kubernetes\n");
  const yaml::Path prefix = yaml::Path().key("stages").index(3).key("master").key("config_file");
  auto built = model::build_master_model(doc.root, doc.file, prefix);
  const auto model = std::move(built);
  BOOST_TEST(model.rms[0].type.path().dotted() ==
             "stages[3].master.config_file.resource_manager.type");
  BOOST_TEST(model.task_container_defaults_max_slots.path().dotted() ==
             "stages[3].master.config_file.task_container_defaults.kubernetes.max_slots_per_pod");
}

BOOST_AUTO_TEST_CASE(set_path_forms) {
  model::Field f;
  BOOST_TEST(f.path().empty());
  const yaml::Path holder = yaml::Path().key("a").index(1);
  f.set_path(holder, "key");
  BOOST_TEST(f.path().dotted() == "a[1].key");
  f.set_path(holder, std::size_t{4});
  BOOST_TEST(f.path().dotted() == "a[1][4]");
  f.set_path(holder.key("whole"));
  BOOST_TEST(f.path().dotted() == "a[1].whole");
  // An index too large for the compact form is kept as a whole path.
  const std::size_t huge = std::size_t{1} << 40;
  f.set_path(holder, huge);
  BOOST_TEST((f.path() == holder.index(huge)));
  // A copy keeps the same path.
  const model::Field copy = f;
  BOOST_TEST((copy.path() == f.path()));
}

BOOST_AUTO_TEST_SUITE_END()
