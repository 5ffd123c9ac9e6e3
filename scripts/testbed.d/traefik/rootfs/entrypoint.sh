#!/bin/sh
# STAND-IN for traefik's /entrypoint.sh: flags alone mean "traefik FLAGS".
case "$1" in -*) set -- traefik "$@" ;; esac
exec "$@"
