#!/bin/sh
# Makes one Redis Cluster of the nodes in REDIS_CLUSTER_NODES (host:port ...), three primaries and
# a replica of each, for deploy/compose.yaml's profile `redis-cluster` (its one-shot service
# redis-cluster-create runs this). Nodes already in a cluster are left as they are, so every
# `docker compose up` may run it again.
set -eu

: "${REDIS_CLUSTER_NODES:?host:port of every node, separated by spaces}"
first=${REDIS_CLUSTER_NODES%% *}

known=$(redis-cli -h "${first%:*}" -p "${first##*:}" cluster info | tr -d '\r' |
    sed -n 's/^cluster_known_nodes://p')
if [ "${known:-0}" -gt 1 ]; then
    echo "redis-cluster: $first already knows $known nodes: nothing to do"
    exit 0
fi

# CLUSTER MEET takes addresses, not names: resolve each node's name first.
addresses=""
for node in $REDIS_CLUSTER_NODES; do
    address=$(getent ahostsv4 "${node%:*}" | head -n 1 | cut -d ' ' -f 1)
    [ -n "$address" ] || { echo "redis-cluster: cannot resolve ${node%:*}" >&2; exit 1; }
    addresses="$addresses $address:${node##*:}"
done

# shellcheck disable=SC2086 # one word per node
redis-cli --cluster create $addresses --cluster-replicas 1 --cluster-yes
