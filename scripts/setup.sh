#!/usr/bin/env bash
# Installs everything Rolekeeper's build and tests need on a fresh Debian machine: Node 22 LTS when
# the system's Node is older, Debian's Chromium (renderer tests), AWS CLI v2 (cross-checks), zsh and fish (pasted fix lines),
# systemd-analyze (the daemon's unit), gnome-keyring with dbus-run-session (the vault), dpkg-deb, rpmbuild and mksquashfs (the Linux packages), then
# the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
# Node and npm to start from: any Node can install Node 22 from the npm registry below.
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/aws ] || need_apt+=(awscli)
# The fix-line tests paste into real bash, zsh and fish.
[ -x /usr/bin/zsh ] || need_apt+=(zsh)
[ -x /usr/bin/fish ] || need_apt+=(fish)
# `setup daemon`'s unit is checked with systemd-analyze verify (no running systemd needed).
[ -x /usr/bin/systemd-analyze ] || need_apt+=(systemd)
# The Linux packages are built with the system's packagers (electron-builder's download fpm).
command -v dpkg-deb >/dev/null 2>&1 || need_apt+=(dpkg)
command -v rpmbuild >/dev/null 2>&1 || need_apt+=(rpm)
command -v mksquashfs >/dev/null 2>&1 || need_apt+=(squashfs-tools)
command -v desktop-file-validate >/dev/null 2>&1 || need_apt+=(desktop-file-utils)
# `rolekeeper vault` is tested against a real Secret Service: gnome-keyring on a private D-Bus session.
[ -x /usr/bin/gnome-keyring-daemon ] || need_apt+=(gnome-keyring)
[ -x /usr/bin/dbus-run-session ] || need_apt+=(dbus dbus-daemon)
if [ ${#need_apt[@]} -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core
fi

# Node 22 LTS (>= 22.12, what package.json's engines asks) when the system's is older, from the npm
# registry's node-linux-* package into /opt/node22. Its node is linked into /usr/local/bin, which
# comes before /usr/bin on PATH, so npm (a `#!/usr/bin/env node` script) and everything `npm test`
# starts run on it, in this shell and in the one that called this script (.ci/run).
NODE_LINK_DIR="${ROLEKEEPER_NODE_LINK_DIR:-/usr/local/bin}"
node_ok() { node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'; }
if ! node_ok; then
  arch="$(node -p 'process.arch')"
  as_root npm install -g --no-audit --no-fund --prefix /opt/node22 "node-linux-${arch}@22"
  as_root ln -sf /opt/node22/bin/node "$NODE_LINK_DIR/node"
  export PATH="$NODE_LINK_DIR:$PATH"
  hash -r
  node_ok || { echo "setup.sh: Node >= 22.12 is still not first on PATH ($(command -v node): $(node -v)); put $NODE_LINK_DIR first." >&2; exit 1; }
fi

# moto's server and AWS CLI v1 come from pip; install them only where they are missing.
if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c 'import awscli' >/dev/null 2>&1; then
  python3 -m pip install --quiet 'moto[server]' awscli
fi

# Electron fetches its binary lazily on first launch, never during install.
npm ci --no-audit --no-fund

# Build once, so `npx rolekeeper …` works straight after this script.
npm run build

# test/cli/npm-package.test.ts installs the packed CLI globally with --offline (no test reaches the
# network): one online install of it here fills npm's cache with what that install resolves.
pack_dir="$(mktemp -d)"
npm install --global --no-audit --no-fund --ignore-scripts --prefix "$pack_dir/prefix" "$(node scripts/pack-cli.mjs "$pack_dir")" >/dev/null
rm -rf "$pack_dir"
