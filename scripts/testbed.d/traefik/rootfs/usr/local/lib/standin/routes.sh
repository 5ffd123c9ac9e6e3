# Routes of the traefik STAND-IN (sourced by http-handle).
route() {
  if [ "$STANDIN_PORT" = 8080 ]; then
    case "$REQ_PATH" in
      /ping) reply 200 "text/plain; charset=utf-8" "OK" ;;
      /api/http/routers) reply 200 application/json "$(routers_json)" ;;
      *) reply 404 text/plain "404 page not found" ;;
    esac
    return
  fi
  reply 200 text/html "<html><body><h1>traefik stand-in (berth testbed)</h1><p>port $STANDIN_PORT, path $REQ_PATH</p></body></html>"
}

# Like Traefik's docker provider with Berth's constraint: a router for each
# `traefik.http.routers.<name>.rule` label of the running containers of the compose projects the
# `constraints` line of /etc/traefik/traefik.yml admits (this container's own project when there is
# none) that are healthy or have no healthcheck, read from the mounted Docker socket.
# Unlike Traefik it does not read `traefik.enable` or the rule itself.
docker_get() {
  printf 'GET %s HTTP/1.0\r\nHost: docker\r\n\r\n' "$1" | timeout 5 socat -t 5 - UNIX-CONNECT:/var/run/docker.sock 2>/dev/null
}
admitted_projects() {
  _admitted=$(grep 'constraints:' /etc/traefik/traefik.yml 2>/dev/null | grep -o 'com.docker.compose.project`,`[^`]*`' | sed 's/.*,`\(.*\)`$/\1/')
  [ -n "$_admitted" ] || _admitted=$(docker_get "/containers/$(hostname)/json" | grep -o '"com.docker.compose.project":"[^"]*"' | head -n 1 | sed 's/.*:"\(.*\)"$/\1/')
  echo "$_admitted"
}
routers_json() {
  _names=$(for _project in $(admitted_projects); do
    docker_get "/containers/json?filters=%7B%22health%22%3A%5B%22healthy%22%2C%22none%22%5D%2C%22label%22%3A%5B%22com.docker.compose.project%3D$_project%22%5D%7D" \
      | grep -o '"traefik\.http\.routers\.[^".]*\.rule"' | sed -e 's/^"traefik\.http\.routers\.//' -e 's/\.rule"$//'
  done | sort -u)
  _json=
  for _name in $_names; do
    _json="$_json${_json:+,}{\"name\":\"$_name@docker\",\"provider\":\"docker\",\"status\":\"enabled\"}"
  done
  printf '[%s]' "$_json"
}
