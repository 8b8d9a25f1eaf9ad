#include "core/model/chart_defaults.hpp"

namespace detgw::model {

std::string_view determined_chart_defaults() {
  return R"(imageRegistry: determinedai
defaultImages:
  postgreSQL: "postgres:10.14"
  kubeScheduler: "k8s.gcr.io/scheduler-plugins/kube-scheduler:v0.18.9"
  cpuImage: "determinedai/pytorch-ngc-dev:0736b6d"
  gpuImage: "determinedai/pytorch-ngc-dev:0736b6d"
  rocmImage: "determinedai/environments:rocm-5.6-pytorch-1.3-tf-2.10-rocm-mpich-0736b6d"
enterpriseEdition: false
imagePullSecretName:
logLevel: info
logColor: true
masterPort: 8080
createNonNamespacedObjects: true
useNodePortForMaster: false
db:
  name: determined
  user: postgres
  password: postgres
  port: 5432
  storageSize: 30Gi
  cpuRequest: 2
  memRequest: 8Gi
  useNodePortForDB: false
checkpointStorage:
  saveExperimentBest: 0
  saveTrialBest: 1
  saveTrialLatest: 1
  type: shared_fs
  hostPath: /tmp/checkpoints
  mountToServer: false
maxSlotsPerPod:
masterCpuRequest: 2
masterMemRequest: 8Gi
taskContainerDefaults:
telemetry:
  enabled: true
resourcePools:
  - pool_name: default
resourceManager:
  defaultNamespace:
  clusterName:
)";
}

}  // namespace detgw::model
