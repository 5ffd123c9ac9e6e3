# Routes of the authentik server STAND-IN on :9000 (sourced by http-handle).
route() {
  case "$REQ_PATH" in
    /-/health/live/|/-/health/ready/) reply 200 text/plain "ok" ;;
    /outpost.goauthentik.io/auth/traefik) reply 200 text/plain "ok" ;;
    /|/if/flow/*) reply 200 text/html "<html><body><h1>authentik stand-in ${STANDIN_VERSION} (berth testbed)</h1></body></html>" ;;
    *) reply 404 text/plain "not found" ;;
  esac
}
