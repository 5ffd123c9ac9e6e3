#!/bin/sh
# As the official image's /entrypoint.sh: flags alone, or a Traefik subcommand, mean "traefik …".
case "$1" in
  -*) set -- traefik "$@" ;;
  healthcheck|version|help) set -- traefik "$@" ;;
esac
exec "$@"
