# Routes of the planka STAND-IN on :1337 (sourced by http-handle).
# Planka 2.x answers /api/bootstrap, 1.x answers /api/config.
route() {
  case "${STANDIN_VERSION:-2}" in 1.*) api=/api/config ;; *) api=/api/bootstrap ;; esac
  case "$REQ_PATH" in
    /) reply 200 "text/html; charset=utf-8" "<!doctype html><html><head><title>Planka</title></head><body><h1>planka stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
    "$api") reply 200 "application/json; charset=utf-8" "$(cat /tmp/standin/bootstrap.json)" ;;
    *) reply 404 application/json '{"code":"E_NOT_FOUND"}' ;;
  esac
}
