# Routes of the kopia server STAND-IN (sourced by http-handle).
# /api/v1/control/* needs the control credentials, everything else the server ones.
# The server is connected once `kopia repository connect|create` recorded a repository (see repository.sh).
route() {
  connected=false
  [ ! -f "${STANDIN_KOPIA_REPOSITORY:-/app/config/standin-repository}" ] || connected=true
  case "$REQ_PATH" in
    /api/v1/control/status)
      require_basic "$STANDIN_KOPIA_CONTROL_USER" "$STANDIN_KOPIA_CONTROL_PASSWORD" || return 0
      reply 200 application/json "{\"connected\":$connected,\"configFile\":\"/app/config/repository.config\",\"description\":\"berth testbed stand-in\"}" ;;
    /api/v1/control/*)
      require_basic "$STANDIN_KOPIA_CONTROL_USER" "$STANDIN_KOPIA_CONTROL_PASSWORD" || return 0
      reply 200 application/json '{}' ;;
    /api/v1/repo/status)
      require_basic "$STANDIN_KOPIA_USER" "$STANDIN_KOPIA_PASSWORD" || return 0
      reply 200 application/json "{\"connected\":$connected}" ;;
    *)
      require_basic "$STANDIN_KOPIA_USER" "$STANDIN_KOPIA_PASSWORD" || return 0
      reply 200 text/html "<html><body><h1>kopia stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
  esac
}
