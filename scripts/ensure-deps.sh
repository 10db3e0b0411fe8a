#!/usr/bin/env bash
# Makes sure the tools the service and its tests need are present: Java 17+, Maven, ffmpeg/ffprobe, v4l2-ctl.
# Installs missing ones with apt-get when running as root on Debian/Ubuntu; otherwise says what to install.
set -euo pipefail

missing_pkgs=()
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 || missing_pkgs+=("$2")
}
need java openjdk-17-jdk-headless
need mvn maven
need ffmpeg ffmpeg
need ffprobe ffmpeg
need v4l2-ctl v4l-utils

if ((${#missing_pkgs[@]})); then
  # shellcheck disable=SC2207
  pkgs=($(printf '%s\n' "${missing_pkgs[@]}" | sort -u))
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "${pkgs[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${pkgs[@]}" >/dev/null; }
  else
    echo "error: missing tools; install them with: sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "error: Java 17 or newer is required (found ${java_major}); install openjdk-17-jdk-headless" >&2
  exit 1
fi
