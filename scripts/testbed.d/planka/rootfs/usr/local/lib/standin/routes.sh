# Routes of the planka STAND-IN on :1337 (sourced by http-handle).
# Planka 2.x answers /api/bootstrap, 1.x answers /api/config. /files/<kind>/<name> reads a
# stored file from the version's own folder (planka.sh), so a test can see what the app sees.
# 2.x: while start.sh found 1.x folders not migrated (/tmp/standin/unmigrated), every answer is
# a 500 that names them.
. /usr/local/lib/standin/planka.sh

# reply_file FILE: 200 and FILE's bytes as they are (reply takes text, not bytes).
reply_file() {
  _size=$(wc -c < "$1") || { reply 500 text/plain "cannot read $1"; return; }
  printf 'HTTP/1.0 200 OK\r\nServer: berth-testbed-standin\r\nContent-Type: application/octet-stream\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' "$_size"
  [ "$REQ_METHOD" = HEAD ] || cat "$1"
}

# serve_file KIND NAME: the stored file NAME (it may hold slashes, not ..) of KIND, or 404.
serve_file() {
  _dir=$(planka_place "$1")
  case "$2" in ''|/*|..|../*|*/..|*/../*) _dir= ;; esac
  if [ -n "$_dir" ] && [ -f "$_dir/$2" ]; then
    reply_file "$_dir/$2"
  else
    reply 404 application/json '{"code":"E_NOT_FOUND"}'
  fi
}

route() {
  if [ -s /tmp/standin/unmigrated ]; then
    reply 500 text/plain "$(cat /tmp/standin/unmigrated)"
    return
  fi
  case "${STANDIN_VERSION:-2}" in 1.*) api=/api/config ;; *) api=/api/bootstrap ;; esac
  case "$REQ_PATH" in
    /) reply 200 "text/html; charset=utf-8" "<!doctype html><html><head><title>Planka</title></head><body><h1>planka stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
    "$api") reply 200 "application/json; charset=utf-8" "$(cat /tmp/standin/bootstrap.json)" ;;
    /files/*/*) _rest=${REQ_PATH#/files/}; serve_file "${_rest%%/*}" "${_rest#*/}" ;;
    *) reply 404 application/json '{"code":"E_NOT_FOUND"}' ;;
  esac
}
