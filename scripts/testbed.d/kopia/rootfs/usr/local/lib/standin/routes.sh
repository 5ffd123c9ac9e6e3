# Routes of the kopia server STAND-IN (sourced by http-handle).
# /api/v1/control/* needs the control credentials, everything else the server ones.
route() {
  case "$REQ_PATH" in
    /api/v1/control/status)
      require_basic "$STANDIN_KOPIA_CONTROL_USER" "$STANDIN_KOPIA_CONTROL_PASSWORD" || return 0
      reply 200 application/json '{"connected":true,"configFile":"/app/config/repository.config","description":"berth testbed stand-in"}' ;;
    /api/v1/control/*)
      require_basic "$STANDIN_KOPIA_CONTROL_USER" "$STANDIN_KOPIA_CONTROL_PASSWORD" || return 0
      reply 200 application/json '{}' ;;
    /api/v1/repo/status)
      require_basic "$STANDIN_KOPIA_USER" "$STANDIN_KOPIA_PASSWORD" || return 0
      reply 200 application/json '{"connected":true}' ;;
    *)
      require_basic "$STANDIN_KOPIA_USER" "$STANDIN_KOPIA_PASSWORD" || return 0
      reply 200 text/html "<html><body><h1>kopia stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
  esac
}
