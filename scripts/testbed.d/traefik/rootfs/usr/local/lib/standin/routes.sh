# Routes of the traefik STAND-IN (sourced by http-handle).
route() {
  if [ "$STANDIN_PORT" = 8080 ]; then
    case "$REQ_PATH" in
      /ping) reply 200 "text/plain; charset=utf-8" "OK" ;;
      *) reply 404 text/plain "404 page not found" ;;
    esac
    return
  fi
  reply 200 text/html "<html><body><h1>traefik stand-in (berth testbed)</h1><p>port $STANDIN_PORT, path $REQ_PATH</p></body></html>"
}
