# Routes of the dozzle STAND-IN (sourced by http-handle).
route() {
  case "$REQ_PATH" in
    /healthcheck) reply 200 text/plain "OK" ;;
    *) reply 200 text/html "<html><body><h1>dozzle stand-in ${STANDIN_VERSION} (berth testbed)</h1><p>filter: ${DOZZLE_FILTER:-none}; auth: ${DOZZLE_AUTH_PROVIDER:-none}</p></body></html>" ;;
  esac
}
