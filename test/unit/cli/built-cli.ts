/**
 * The BUILT CLI (dist/cli.js) and server (dist/server.js), for the few tests that need a process
 * of their own (a read that would block or abort the test's own process, the language server's
 * stdin). Built first when missing or older than the sources.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
export const BUILT_CLI = join(root, 'dist', 'cli.js');
export const BUILT_SERVER = join(root, 'dist', 'server.js');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs scripts/build.mjs when `built` (BUILT_CLI or BUILT_SERVER) is missing or older than the sources. */
export function ensureBuilt(built: string): void {
  if (existsSync(built) && statSync(built).mtimeMs >= newestSourceTime(join(root, 'server', 'src'))) return;
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`dist/${basename(built)} is missing or stale and building it failed; run \`npm run build\`.\n${output}`);
  }
}

export function ensureCliBuilt(): void {
  ensureBuilt(BUILT_CLI);
}

/** Starts `node <built> ...args` with piped stdio, in the repository root unless `cwd` says otherwise. */
export function spawnBuilt(built: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [built, ...args], { cwd: options.cwd ?? root, stdio: 'pipe', env: options.env ?? process.env });
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI; stdin is closed at once. A run that has not ended after `timeoutMs` is
 * killed (code null, signal SIGKILL): a hang fails the test instead of the test run.
 */
export function runBuiltCli(args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawnBuilt(BUILT_CLI, args, options);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end();
  });
}
