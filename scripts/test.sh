#!/usr/bin/env bash
# Runs the whole test suite (real server, real WebSockets, real ffmpeg, real SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
exec mvn -B test "$@"
