#!/usr/bin/env bash
# Installs everything Rolekeeper's build and tests need on a fresh Debian machine with Node 20:
# Debian's Chromium (renderer tests), AWS CLI v2 (cross-checks), zsh and fish (pasted fix lines),
# systemd-analyze (the daemon's unit), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/aws ] || need_apt+=(awscli)
# The fix-line tests paste into real bash, zsh and fish.
[ -x /usr/bin/zsh ] || need_apt+=(zsh)
[ -x /usr/bin/fish ] || need_apt+=(fish)
# `setup daemon`'s unit is checked with systemd-analyze verify (no running systemd needed).
[ -x /usr/bin/systemd-analyze ] || need_apt+=(systemd)
# `rolekeeper vault` is tested against a real Secret Service: gnome-keyring on a private D-Bus session.
[ -x /usr/bin/gnome-keyring-daemon ] || need_apt+=(gnome-keyring)
[ -x /usr/bin/dbus-run-session ] || need_apt+=(dbus dbus-daemon)
if [ ${#need_apt[@]} -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core
fi

# moto's server and AWS CLI v1 come from pip; install them only where they are missing.
if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c 'import awscli' >/dev/null 2>&1; then
  python3 -m pip install --quiet 'moto[server]' awscli
fi

# Electron fetches its binary lazily on first launch, never during install.
npm ci --no-audit --no-fund

# Build once, so `npx rolekeeper …` works straight after this script.
npm run build
