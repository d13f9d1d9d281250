#!/usr/bin/env bash
# Runs event_bench with a RabbitMQ broker of its own: Debian's rabbitmq-server
# started on loopback with a temporary data directory, node name, AMQP port,
# distribution port and epmd port (no system service, nothing outside the
# temporary directory), and stopped again afterwards, whatever happens.
#
#   bench/event_bench.sh [--bin PATH] [event_bench flags...]
#
# --bin: the event_bench binary (default build/release/bin/event_bench). Every
# other flag goes to event_bench; its --dir PARENT (default /tmp; use a real
# disk such as /var/tmp) also holds the broker's directory, so both systems
# fsync to the same disk. Needs: apt-get install rabbitmq-server librabbitmq-dev
# (then re-run cmake so event_bench is built with its RabbitMQ half).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/release/bin/event_bench
parent=/tmp
args=()
while (($#)); do
  case $1 in
    --bin) bin=$2; shift 2 ;;
    --dir) parent=$2; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

rabbit_bin=/usr/lib/rabbitmq/bin
if [[ ! -x $rabbit_bin/rabbitmq-server ]]; then
  echo "event_bench.sh: no $rabbit_bin/rabbitmq-server; apt-get install rabbitmq-server" >&2
  exit 2
fi
if [[ ! -x $bin ]]; then
  echo "event_bench.sh: no $bin; cmake --build build/release --target event_bench" >&2
  exit 2
fi

# Three free loopback ports: AMQP, Erlang distribution, epmd.
read -r amqp_port dist_port epmd_port < <(python3 - <<'EOF'
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
EOF
)

base=$(mktemp -d "$parent/vkb-rabbit-XXXXXX")
node=vkbench$$@localhost
broker_pid=
cleanup() {
  if [[ -n $broker_pid ]]; then
    "$rabbit_bin/rabbitmqctl" -n "$node" stop >/dev/null 2>&1 || kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  # The epmd the broker started on our own port (and only that one).
  epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
  rm -rf "$base"
}
trap cleanup EXIT

echo '[].' >"$base/enabled_plugins"
: >"$base/rabbitmq-env.conf"
: >"$base/rabbitmq.conf"
export HOME=$base  # the Erlang cookie is created here, for the broker and rabbitmqctl alike
export ERL_EPMD_PORT=$epmd_port
export RABBITMQ_NODENAME=$node
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$amqp_port
export RABBITMQ_DIST_PORT=$dist_port
export RABBITMQ_CONF_ENV_FILE=$base/rabbitmq-env.conf
export RABBITMQ_CONFIG_FILE=$base/rabbitmq
export RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_MNESIA_BASE=$base/mnesia
export RABBITMQ_LOG_BASE=$base/log
export RABBITMQ_PID_FILE=$base/rabbitmq.pid

"$rabbit_bin/rabbitmq-server" >"$base/server.out" 2>&1 &
broker_pid=$!
# Waits for the pid file, then for the node, then for the rabbit application.
if ! "$rabbit_bin/rabbitmqctl" -n "$node" wait --timeout 120 "$RABBITMQ_PID_FILE" >/dev/null 2>&1; then
  echo "event_bench.sh: RabbitMQ did not start; its output:" >&2
  tail -n 30 "$base/server.out" >&2 || true
  exit 1
fi
version=$("$rabbit_bin/rabbitmqctl" -n "$node" version 2>/dev/null || echo '?')
echo "RabbitMQ $version on 127.0.0.1:$amqp_port, data in $base (started by event_bench.sh)"

"$bin" --amqp "127.0.0.1:$amqp_port" "${args[@]}"
