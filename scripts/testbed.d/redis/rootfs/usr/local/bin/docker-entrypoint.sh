#!/bin/sh
# STAND-IN for redis's docker-entrypoint.sh: flags alone mean "redis-server FLAGS".
case "$1" in -*|*.conf) set -- redis-server "$@" ;; esac
exec "$@"
