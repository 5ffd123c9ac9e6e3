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

# Like Traefik's docker provider: a router for each `traefik.http.routers.<name>.rule` label of the
# running containers that are healthy or have no healthcheck, read from the mounted Docker socket.
# Unlike Traefik it does not read `traefik.enable` or the rule itself.
routers_json() {
  _names=$(printf 'GET /containers/json?filters=%%7B%%22health%%22%%3A%%5B%%22healthy%%22%%2C%%22none%%22%%5D%%7D HTTP/1.0\r\nHost: docker\r\n\r\n' \
    | timeout 5 socat -t 5 - UNIX-CONNECT:/var/run/docker.sock 2>/dev/null \
    | grep -o '"traefik\.http\.routers\.[^".]*\.rule"' | sed -e 's/^"traefik\.http\.routers\.//' -e 's/\.rule"$//' | sort -u)
  _json=
  for _name in $_names; do
    _json="$_json${_json:+,}{\"name\":\"$_name@docker\",\"provider\":\"docker\",\"status\":\"enabled\"}"
  done
  printf '[%s]' "$_json"
}
