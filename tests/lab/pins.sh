# shellcheck shell=bash
# shellcheck disable=SC2034  # variables are used by the scripts sourcing this file
# Pinned versions of the real Kubernetes peers built by tests/lab/build.
# The cache key is a hash of this file plus `go version`: bumping any pin (or
# LAB_FORMAT, when the way things are built changes) gives a fresh cache dir.
LAB_FORMAT=1
K8S=v1.34.4            # k8s.io/kubernetes (kube-apiserver)
STG=v0.34.4            # k8s.io/* staging modules matching K8S
ETCD=v3.6.16           # go.etcd.io/etcd/server/v3
CONTOUR=v1.33.8        # github.com/projectcontour/contour
HELM3=v3.19.5          # helm.sh/helm/v3
HELM4=v4.3.1           # helm.sh/helm/v4
KREW=v0.4.3            # sigs.k8s.io/krew (only version the proxy serves)
GWAPI_DEFAULT=v1.3.0   # sigs.k8s.io/gateway-api that Contour $CONTOUR is built against
GWAPI_EXTRA="v1.5.1 v1.6.1"  # further bundles selectable with `up --crds`
KUBECTL_MINOR=1.33     # kubectl comes from the image (kubectl.1.33), built only if absent
