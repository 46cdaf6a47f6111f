#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs and starts what the tests need:
# RabbitMQ (tests that cross services use a real broker; each test gets its own virtual host
# through the management API) and Chromium (browser tests). Where a Docker engine runs, the
# broker tests use Testcontainers instead and the local broker is simply not used.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v rabbitmq-server >/dev/null 2>&1 || need_apt+=(rabbitmq-server)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rabbitmqctl -q status >/dev/null 2>&1; then
  echo "test.sh: starting RabbitMQ"
  rabbitmq-server -detached
  # -detached returns before the node registers with epmd, and await_startup fails at once on a
  # node it cannot see yet; a broker holding many virtual hosts can take a minute to register.
  started=""
  for _ in $(seq 1 180); do
    if rabbitmqctl -q await_startup --timeout 180 >/dev/null 2>&1; then started=1; break; fi
    sleep 1
  done
  if [ -z "$started" ]; then
    echo "test.sh: RabbitMQ did not start within 3 minutes; the end of its log:" >&2
    tail -n 40 /var/log/rabbitmq/rabbit@"$(hostname -s)".log >&2 || true
    exit 1
  fi
fi
rabbitmq-plugins -q enable rabbitmq_management >/dev/null
# The management API answers a few seconds after the plugin starts.
for _ in $(seq 1 60); do
  curl -fsS -u guest:guest http://localhost:15672/api/overview >/dev/null 2>&1 && break
  sleep 1
done
# Virtual hosts left by an interrupted run slow every later broker start; tests create their own.
curl -fsS -u guest:guest http://localhost:15672/api/vhosts 2>/dev/null \
  | grep -o '"name":"test-[0-9a-f]*"' | cut -d'"' -f4 \
  | while read -r vhost; do curl -fsS -u guest:guest -X DELETE "http://localhost:15672/api/vhosts/$vhost" >/dev/null || true; done \
  || true # grep finds nothing on a clean broker

log="$(mktemp)"
set +e
dotnet test Publishing.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
