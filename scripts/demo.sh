#!/usr/bin/env bash
# Builds the service and runs it on its built-in demo cameras (127.0.0.1:8002, data in ./var/demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
mvn -B -q -Dstyle.color=never -DskipTests package
# The JVM takes its file name encoding from the locale at start-up (-Dsun.jnu.encoding is ignored on JDK 17), and
# under LC_ALL=C it cannot hold names such as caméra.mp4: run it under a UTF-8 locale whatever the caller's.
case "$(locale charmap 2>/dev/null)" in
  UTF-8) ;;
  *) export LC_ALL=C.UTF-8 ;;
esac
exec java -Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8 -jar target/camera-service.jar demo "$@"
