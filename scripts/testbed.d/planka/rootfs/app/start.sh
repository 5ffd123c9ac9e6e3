#!/bin/sh
# STAND-IN for planka's start script (Berth testbed), not Planka. Runs fine as uid 1000.
# Writes the bootstrap/config JSON from the environment, then serves HTTP on :1337.
. /usr/local/lib/standin/lib.sh
mkdir -p /tmp/standin
if [ -n "$OIDC_ISSUER" ]; then
  case "$OIDC_ENFORCED" in true|TRUE|True|1) enforced=true ;; *) enforced=false ;; esac
  oidc="{\"authorizationUrl\":\"$OIDC_ISSUER\",\"endSessionUrl\":null,\"isEnforced\":$enforced}"
else
  oidc=null
fi
printf '{"item":{"oidc":%s,"version":"%s"}}' "$oidc" "${STANDIN_VERSION:-unknown}" > /tmp/standin/bootstrap.json
standin_serve 1337
standin_wait
