# Routes of the app STAND-IN (sourced by http-handle).
route() {
  # The "broken" tag is a release that never gets healthy: every answer is a 500.
  [ "$STANDIN_VERSION" != broken ] || { reply 500 text/plain "broken release"; return; }
  case "$REQ_PATH" in
    /version) reply 200 text/plain "$STANDIN_VERSION" ;;
    /health) reply 200 text/plain "ok" ;;
    */berth-testbed/echo) echo_reply ;;
    *) reply 200 "text/html; charset=utf-8" "<!doctype html><html><head><title>${APP_NAME:-app}</title></head><body><h1>${APP_NAME:-app} stand-in ${STANDIN_VERSION} (berth testbed)</h1><p>$REQ_PATH</p></body></html>" ;;
  esac
}
