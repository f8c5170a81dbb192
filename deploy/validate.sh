#!/usr/bin/env bash
# What can be checked without a Docker engine or a cluster (none runs on these machines).
set -euo pipefail
cd "$(dirname "$0")"
command -v docker-compose >/dev/null || apt-get install -y docker-compose yamllint
docker-compose -f docker-compose.yml config -q && echo "compose file: valid"
yamllint -d '{extends: default, rules: {line-length: {max: 130}, document-start: disable}}' docker-compose.yml k8s/ && echo "yaml: clean"
kubectl kustomize k8s >/dev/null && echo "kustomization: builds"
