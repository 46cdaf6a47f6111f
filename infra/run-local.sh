#!/usr/bin/env bash
# Runs the real topology without Docker: a local RabbitMQ and the four services (plus the Studio UI) as separate
# processes, each with its own SQLite database under data/local/<service>/.
#
#   infra/run-local.sh            # build, start, wait until ready; CTRL-C (or SIGTERM to it) stops the services
#
# A development tool: every service runs in the Development environment, because the dev token issuer,
# the shared signing key, anonymous OpenAPI and private webhook targets it turns on are development aids
# that any other environment refuses to start with. For a deployment use docker-compose.yml (a real
# identity provider) or your own settings (see infra/README.md).
#
# Environment overrides: CONFIGURATION (Debug), RABBITMQ_URL (amqp://guest:guest@localhost:5672/),
# AUTH_SIGNING_KEY (shared by every service, >= 32 characters), READY_TIMEOUT seconds (120).
# RabbitMQ is left running afterwards (stop it with `rabbitmqctl stop`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Debug}"
RABBITMQ_URL="${RABBITMQ_URL:-amqp://guest:guest@localhost:5672/}"
AUTH_SIGNING_KEY="${AUTH_SIGNING_KEY:-publishing-local-signing-key-for-development-only}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
DATA="$ROOT/data/local"

# name | project | port. Started one at a time, each ready before the next; Authoring last, because
# it publishes the sample content on first start and the consumers' queues must exist by then
# (RabbitMQ drops events published before a queue is bound).
SERVICES=(
  "review|Publishing.Review|5102"
  "search-indexing|Publishing.SearchIndexing|5103"
  "notifications|Publishing.Notifications|5104"
  "authoring|Publishing.Authoring|5101"
  "studio|Publishing.Studio|5100"
)

log() { printf '[run-local] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root for: $*"; exit 1
  fi
}

# --- RabbitMQ -----------------------------------------------------------------------------------
if ! command -v rabbitmq-server >/dev/null 2>&1; then
  log "rabbitmq-server not found; installing it with apt-get"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server
fi
if ! rabbitmqctl status >/dev/null 2>&1; then
  log "starting RabbitMQ"
  rabbitmq-server -detached
  rabbitmqctl await_startup
fi
log "RabbitMQ is up"

# --- build once ---------------------------------------------------------------------------------
log "building Publishing.sln ($CONFIGURATION)"
dotnet build "$ROOT/Publishing.sln" -c "$CONFIGURATION" --nologo -v quiet

# --- start the services, each ready before the next --------------------------------------------
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  if [ "${#PIDS[@]}" -gt 0 ]; then
    log "stopping services"
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_ready() { # name port pid
  local name="$1" port="$2" pid="$3" deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fs -o /dev/null "http://localhost:$port/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during startup; last lines of data/local/$name.log:"
      tail -n 30 "$DATA/$name.log" >&2 || true
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name not ready after ${READY_TIMEOUT}s; last lines of data/local/$name.log:"
      tail -n 30 "$DATA/$name.log" >&2 || true
      exit 1
    fi
    sleep 1
  done
  log "$name ready"
}

mkdir -p "$DATA"
STARTED=()
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name project port <<<"$entry"
  if [ ! -f "$ROOT/services/$project/$project.csproj" ]; then
    log "$project: services/$project/$project.csproj not found; skipped"
    continue
  fi
  find_dll() { ls "$ROOT/services/$project/bin/$CONFIGURATION"/net*/"$project.dll" 2>/dev/null | head -n 1 || true; }
  dll="$(find_dll)"
  if [ -z "$dll" ]; then
    # Not (yet) in Publishing.sln: build the project itself.
    log "$project is not built by Publishing.sln; building it"
    dotnet build "$ROOT/services/$project/$project.csproj" -c "$CONFIGURATION" --nologo -v quiet
    dll="$(find_dll)"
  fi
  if [ -z "$dll" ]; then
    log "$project: no $project.dll under services/$project/bin/$CONFIGURATION after building; skipped"
    continue
  fi
  mkdir -p "$DATA/$name"
  extra=()  # settings only this service reads
  if [ "$name" = authoring ]; then
    extra=(Seed__Enabled=true "Seed__Directory=$ROOT/services/Publishing.Standalone/Seed")
  elif [ "$name" = search-indexing ]; then
    # A rebuild reads the published revisions from Authoring, at this address only.
    extra=(Services__Authoring=http://localhost:5101)
  elif [ "$name" = notifications ]; then
    # Webhook subscribers on this machine (http://localhost:...) are private targets: Development only.
    extra=(Notifications__Webhooks__AllowPrivateNetworks=true)
  elif [ "$name" = studio ]; then
    # The editorial UI, last: it calls the four services' APIs.
    extra=(Studio__Services__Authoring=http://localhost:5101 Studio__Services__Review=http://localhost:5102
          Studio__Services__Search=http://localhost:5103 Studio__Services__Notifications=http://localhost:5104)
  fi
  # Links in feeds and webhooks point at Search, which serves the public reads; the Studio's own pages at itself.
  public_base_url=http://localhost:5103/
  if [ "$name" = studio ]; then public_base_url=http://localhost:5100/; fi
  log "starting $name on http://localhost:$port (log: data/local/$name.log)"
  (
    cd "$(dirname "$dll")"   # content root: the build output, with its appsettings*.json
    exec env \
      ASPNETCORE_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://localhost:$port" \
      PublicBaseUrl="$public_base_url" \
      Messaging__Transport=RabbitMq \
      ConnectionStrings__RabbitMq="$RABBITMQ_URL" \
      Database__Provider=Sqlite \
      DataDirectory="$DATA/$name" \
      Auth__SigningKey="$AUTH_SIGNING_KEY" \
      Auth__DevIssuer__Enabled=true \
      OpenApi__Anonymous=true \
      "${extra[@]+"${extra[@]}"}" \
      dotnet "$dll"
  ) >"$DATA/$name.log" 2>&1 &
  PIDS+=("$!")
  STARTED+=("$name|$port|$!")
  wait_ready "$name" "$port" "$!"
done

if [ "${#STARTED[@]}" -eq 0 ]; then
  log "no service was built; nothing to run"
  exit 1
fi

echo
echo "Publishing services (CTRL-C to stop):"
for entry in "${STARTED[@]}"; do
  IFS='|' read -r name port _ <<<"$entry"
  printf '  %-16s http://localhost:%s   (log: data/local/%s.log)\n' "$name" "$port" "$name"
done
echo "  dev tokens:      POST http://localhost:5101/api/dev/tokens"
echo "  RabbitMQ:        $RABBITMQ_URL"
echo

# Run until CTRL-C or until any service exits.
set +e
wait -n
status=$?
set -e
log "a service exited (status $status); stopping the others"
exit "$status"
