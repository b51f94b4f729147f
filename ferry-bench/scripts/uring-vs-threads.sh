#!/usr/bin/env bash
# io_uring (step by step, and linked chains) against plain threads writing the same files, in C; see
# uring-vs-threads.c. Prints the median MiB/s of each.
#
#   ferry-bench/scripts/uring-vs-threads.sh DIR [COUNT SIZE DIRECT FSYNC IOWQ_WORKERS THREADS ROUNDS DEFER]
#
# Defaults: 1000 65536 0 0 0 2 10 1, the 1,000 x 64 KiB page-cache row with two threads and Ferry's ring
# flags (DEFER_TASKRUN). Needs gcc and liburing's headers (Debian: apt-get install gcc liburing-dev).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
  echo "usage: $0 DIR [COUNT SIZE DIRECT FSYNC IOWQ_WORKERS THREADS ROUNDS DEFER]" >&2
  exit 2
fi
if [ ! -e /usr/include/liburing.h ]; then
  echo "$0: needs liburing's headers and gcc: sudo apt-get install -y gcc liburing-dev" >&2
  exit 1
fi
bin=${TMPDIR:-/tmp}/ferry-uring-vs-threads
gcc -O2 -Wall -o "$bin" "$here/uring-vs-threads.c" -luring -lpthread
dir=$1
shift
set -- "${1:-1000}" "${2:-65536}" "${3:-0}" "${4:-0}" "${5:-0}" "${6:-2}" "${7:-10}" "${8:-1}"
exec "$bin" "$dir" "$@"
