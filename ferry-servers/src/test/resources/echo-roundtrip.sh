#!/usr/bin/env bash
# Sends a file to an echo server with socat (or nc) and writes what comes back to stdout.
# usage: echo-roundtrip.sh HOST PORT FILE
set -euo pipefail
host=$1 port=$2 file=$3
if command -v socat >/dev/null; then
  exec timeout 20 socat -t 5 - "TCP:$host:$port" < "$file"
fi
exec timeout 20 nc -q 5 "$host" "$port" < "$file"
