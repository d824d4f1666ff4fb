#!/usr/bin/env bash
# Exits 0 when the service's readiness probe returns HTTP 200. It speaks HTTP/1.0 over bash's /dev/tcp,
# so the image needs neither curl nor wget.
set -euo pipefail

port="${SERVER_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /_kms/actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
read -r -t 5 _ status _ <&3
[ "$status" = 200 ]
