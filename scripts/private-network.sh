#!/usr/bin/env bash
# Runs "$@" inside the private network namespace the tests use (call it under `unshare -n -m`): loopback up, and one
# veth pair whose both ends stay in the namespace, with a default route into it. Nothing can leave this machine: the
# namespace has no other interface. The pair is there because Firefox's WebRTC gathers no ICE candidate on a machine
# with loopback alone (no default route). With a route, a name lookup would wait for a DNS server it cannot reach
# (6 s each, seen on every lab call); in the test's own mount namespace, resolv.conf points at loopback, where
# nothing answers, so a lookup fails at once as it does without the route.
set -euo pipefail
ip link set lo up
if [ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ]; then
  resolv="$(mktemp)"
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$resolv"
  mount --bind "$resolv" /etc/resolv.conf
fi
if ip link add sb-private type veth peer name sb-private-end 2>/dev/null; then
  ip addr add 10.77.0.1/24 dev sb-private
  ip link set sb-private up
  ip link set sb-private-end up
  ip route add default via 10.77.0.2 dev sb-private
else
  echo "NOTE: no veth pair here; Firefox's WebRTC will find no ICE candidate in this namespace." >&2
fi
exec "$@"
