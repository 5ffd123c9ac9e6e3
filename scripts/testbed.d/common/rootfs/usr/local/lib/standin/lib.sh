# Shared helpers of the Berth testbed STAND-IN images (busybox sh). Not real software.
# Sourced by the entrypoints and by http-handle.

# The fault hook: the first word of /tmp/berth-fault inside the container, if any.
#   500  -> every HTTP answer is a 500, command healthchecks exit 1
#   slow -> every HTTP answer and command healthcheck is delayed by 3 s
standin_fault() {
  [ -f /tmp/berth-fault ] || return 0
  read -r _fault _rest < /tmp/berth-fault || true
  printf '%s' "$_fault"
}

# For command healthchecks: applies the fault hook; returns 1 for "500".
standin_fault_check() {
  case "$(standin_fault)" in
    500) echo "fault injected (/tmp/berth-fault)" >&2; return 1 ;;
    slow) sleep 3 ;;
  esac
  return 0
}

STANDIN_PIDS=
# standin_serve PORT: answer HTTP on PORT (all interfaces), one forked
# http-handle per connection, routed by /usr/local/lib/standin/routes.sh.
standin_serve() {
  echo "standin: $STANDIN_IMAGE serving HTTP on :$1" >&2
  STANDIN_PORT=$1 nc -ll -p "$1" -e /usr/local/lib/standin/http-handle &
  STANDIN_PIDS="$STANDIN_PIDS $!"
}

# standin_background CMD...: run CMD in the background, stopped with the container.
standin_background() {
  "$@" &
  STANDIN_PIDS="$STANDIN_PIDS $!"
}

# Keeps the calling shell (PID 1) alive; SIGTERM/SIGINT stop the children and
# exit 0 at once, so `docker stop` does not wait for its timeout.
standin_wait() {
  trap 'kill $STANDIN_PIDS 2>/dev/null; exit 0' TERM INT
  wait
  echo "standin: servers exited" >&2
  exit 1
}

# standin_docker_api NAME: what Watchtower and Dozzle do first, reach the Docker API. With DOCKER_HOST
# tcp://HOST:PORT (a socket proxy) it asks GET /version there and exits 1, as they do, when that fails
# or is refused; without DOCKER_HOST it needs the socket mounted at /var/run/docker.sock.
standin_docker_api() {
  case "${DOCKER_HOST:-}" in
    tcp://*)
      # (busybox wget -T crashes here: timeout bounds it instead.)
      if ! timeout 5 wget -q -O /dev/null "http://${DOCKER_HOST#tcp://}/version" 2>/dev/null; then
        echo "$1 stand-in: cannot reach the Docker API at $DOCKER_HOST" >&2; exit 1
      fi ;;
    '') [ -S /var/run/docker.sock ] || { echo "$1 stand-in: no Docker socket at /var/run/docker.sock" >&2; exit 1; } ;;
  esac
}
