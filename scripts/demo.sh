#!/usr/bin/env bash
# Builds the service and runs it on its built-in demo cameras (127.0.0.1:8002, data in ./var/demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
mvn -B -q -Dstyle.color=never -DskipTests package
exec java -jar target/camera-service.jar demo "$@"
