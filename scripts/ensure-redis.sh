#!/usr/bin/env bash
# Makes sure redis-server and redis-cli are on the PATH; the tests and the demo start their own
# throwaway servers on free loopback ports. On Debian/Ubuntu, as root, installs the distribution's
# package; otherwise prints the command to run and fails.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi

install_command="apt-get update && apt-get install -y redis-server"

if [[ "$(id -u)" -ne 0 ]]; then
  echo "redis-server and redis-cli are needed (the tests start real servers). Install them, e.g.:" >&2
  echo "  sudo sh -c '$install_command'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server and redis-cli are needed, and this is not a Debian-like system:" >&2
  echo "install Redis 7 or later with the system's package manager." >&2
  exit 1
fi

echo "Installing redis-server with apt-get ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends redis-server redis-tools
redis-server --version >&2
