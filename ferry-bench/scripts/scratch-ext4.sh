#!/usr/bin/env bash
# A new, empty ext4 (with a journal) for `ferry bench files --dir`: an image file, a loop device,
# mkfs.ext4, mounted at DIR.
#  - image in /dev/shm (the default): RAM-backed. A flush costs no disk time, so the benchmark shows
#    what each runtime itself costs (worker hops, syscalls, threads), not the disk.
#  - image on a disk directory: the loop device writes it with O_DIRECT, so flushes reach that disk,
#    but the file system is new and journaled whatever the disk's own file system is.
# Needs root.
#
#   ferry-bench/scripts/scratch-ext4.sh up DIR [SIZE [IMAGE_DIR]]   # SIZE as for truncate (default 2G)
#   ferry-bench/scripts/scratch-ext4.sh down DIR    # unmounts, detaches the loop device, deletes the image
set -euo pipefail

usage() { echo "usage: $0 up DIR [SIZE [IMAGE_DIR]] | down DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$2
name=ferry-scratch-ext4-$(realpath -m "$dir" | tr -c 'A-Za-z0-9' '_').img

if [ "$(id -u)" != 0 ]; then
  echo "$0: needs root (losetup and mount); run it with sudo" >&2
  exit 1
fi

case $action in
  up)
    size=${3:-2G}
    images=${4:-/dev/shm}
    image=$images/$name
    if mountpoint -q "$dir"; then
      echo "$dir is already a mount point; run '$0 down $dir' first" >&2
      exit 1
    fi
    mkdir -p "$images"
    truncate -s "$size" "$image"
    direct=on
    [ "$(stat -f -c %T "$images")" = tmpfs ] && direct=off # tmpfs has no O_DIRECT
    loop=$(losetup --find --show --direct-io=$direct "$image")
    mkfs.ext4 -q -F "$loop"
    mkdir -p "$dir"
    mount "$loop" "$dir"
    echo "new ext4 on $loop (image $image, up to $size, loop direct I/O $direct) mounted at $dir"
    ;;
  down)
    if ! mountpoint -q "$dir"; then
      echo "$dir is not a mount point" >&2
      exit 1
    fi
    loop=$(findmnt -n -o SOURCE --target "$dir")
    image=$(losetup -n -O BACK-FILE "$loop" | sed 's/ *$//')
    case $(basename "$image") in
      "$name") ;;
      *) echo "$dir is not a file system this script made ($loop backs onto $image)" >&2; exit 1 ;;
    esac
    umount "$dir"
    losetup -d "$loop"
    rm -f "$image"
    echo "$dir unmounted, $loop detached, $image removed"
    ;;
  *) usage ;;
esac
