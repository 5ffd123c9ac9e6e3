# Routes of the uptime-kuma STAND-IN (sourced by http-handle).
route() {
  case "$REQ_PATH" in
    /api/entry-page) reply 200 application/json '{"type":"entryPage","entryPage":"dashboard"}' ;;
    *) reply 200 text/html "<html><body><h1>uptime-kuma stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
  esac
}
