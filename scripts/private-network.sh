#!/usr/bin/env bash
# Runs "$@" inside the private network namespace the tests use (call it under `unshare -n`): loopback up, and one veth
# pair whose both ends stay in the namespace, with a default route into it. Nothing can leave this machine: the
# namespace has no other interface. The pair is there because Firefox's WebRTC gathers no ICE candidate on a machine
# with loopback alone (no default route); Chromium, the lab's phones and Kamailio work the same with or without it.
set -euo pipefail
ip link set lo up
if ip link add sb-private type veth peer name sb-private-end 2>/dev/null; then
  ip addr add 10.77.0.1/24 dev sb-private
  ip link set sb-private up
  ip link set sb-private-end up
  ip route add default via 10.77.0.2 dev sb-private
else
  echo "NOTE: no veth pair here; Firefox's WebRTC will find no ICE candidate in this namespace." >&2
fi
exec "$@"
