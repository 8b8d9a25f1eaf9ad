#!/usr/bin/env python3
"""Writes Helm values with N additional resource managers, each with a pool and a gateway."""
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = ["maxSlotsPerPod: 4", "resourcePools:", "  - pool_name: default",
       "additional_resource_managers:"]
for i in range(count):
    out += [
        "  - resource_manager:",
        "      type: kubernetes",
        f"      cluster_name: cluster-{i}",
        "      default_namespace: determined",
        "      max_slots_per_pod: 8",
        f"      kubeconfig_secret_name: kubeconfig-{i}",
        "      kubeconfig_secret_value: config",
        "      determined_master_host: determined.example.com",
        "      determined_master_port: 8080",
        "      internal_task_gateway:",
        "        gateway_name: contour",
        "        gateway_namespace: projectcontour",
        f"        gateway_ip: 10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
        "        gateway_port_range_start: 40000",
        "        gateway_port_range_end: 40049",
        "    resource_pools:",
        f"      - pool_name: pool-{i}",
    ]
print("\n".join(out))
