#!/usr/bin/env bash
# Builds docker/Dockerfile and checks that the container serves Lakelet, on a machine without a Docker
# engine or an image registry: podman builds it, on a Java 17 base image made with debootstrap and
# standing in for the eclipse-temurin image the Dockerfile names. Run after `mvn -B -DskipTests package`.
# Needs: podman uidmap slirp4netns fuse-overlayfs runc debootstrap (Debian packages), root.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f docker/target/lakelet.jar ] || { echo "build the jar first: mvn -B -DskipTests package" >&2; exit 1; }

work=${LAKELET_IMAGE_WORK:-$PWD/docker/target/image-work}
port=${LAKELET_IMAGE_PORT:-45666}
mkdir -p "$work"
# crun fails on this kind of machine's cgroups and the default ulimits exceed the host's hard limits.
cat > "$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$work/containers.conf"

if ! podman image exists localhost/debian-jre:17; then
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/usr/share/doc "$rootfs"/usr/share/man
  tar -C "$rootfs" -cf "$work/rootfs.tar" .
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' "$work/rootfs.tar" localhost/debian-jre:17
  rm -rf "$rootfs" "$work/rootfs.tar"
fi

podman build --pull=never --from localhost/debian-jre:17 -t localhost/lakelet:dev -f docker/Dockerfile docker
podman rm -f lakelet-image-check >/dev/null 2>&1 || true
# Host networking: published ports go through a private bridge that these machines do not allow.
podman run -d --name lakelet-image-check --network host -e LAKELET_PORT="$port" localhost/lakelet:dev >/dev/null
trap 'podman rm -f lakelet-image-check >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 120); do
  if health=$(curl -sf "http://127.0.0.1:$port/_lakelet/health"); then
    echo "$health"
    echo "image OK: localhost/lakelet:dev serves Lakelet on port $port"
    exit 0
  fi
  sleep 0.5
done
podman logs lakelet-image-check >&2
echo "the container did not become healthy" >&2
exit 1
