/**
 * What a user downloads and waits for: the .vsix size (budget 2 MB), the three
 * bundles, and the extension's activation time in a real VS Code (budget 150 ms) -- code loading
 * + the activate() call, as the extension measures it itself (client/src/activation-timing.ts).
 *
 * Activation needs the e2e harness's VS Code host (code-server + chromium); the bench never
 * installs it. An extension-host session runs only suite/activation.test.js, which writes the
 * figures the extension returned to test-output/e2e/activation.json. VS Code activates an
 * extension once per session, so the bench runs SESSIONS sessions (~8 s each), records the
 * median of each figure and lists every sample in a note.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Recorder } from './index-insights';

const requireHarness = createRequire(import.meta.url);

/** The parts of the plain-JS e2e harness (test/e2e/lib) used here. */
interface HarnessPaths {
  OUTPUT_DIR: string;
  VSIX: string;
}
interface ExtensionHostRunOptions {
  developmentPaths: string[];
  testsPath: string;
  folder: string;
  env: Record<string, string>;
  timeoutMs: number;
  log: (line: string) => void;
}
const { OUTPUT_DIR, VSIX } = requireHarness('../test/e2e/lib/paths') as HarnessPaths;
const { assertHostInstalled } = requireHarness('../test/e2e/lib/vscode-host') as { assertHostInstalled(): void };
const { runExtensionHostTests } = requireHarness('../test/e2e/lib/run-extension-host-tests') as { runExtensionHostTests(options: ExtensionHostRunOptions): Promise<number> };
const { copyToTempDir } = requireHarness('../test/e2e/lib/temp-dirs') as { copyToTempDir(source: string, prefix: string): string };

const ACTIVATION_FILE = join(OUTPUT_DIR, 'activation.json');
const ACTIVATION_SUITE = 'activation.test.js';
const SESSION_TIMEOUT_MS = 120_000;
const SESSIONS = 3;
const BUNDLES = ['client', 'server', 'cli'];
const MEGABYTE = 1024 * 1024;

/** As client/src/activation-timing.ts defines them. */
interface ActivationFigures {
  loadToActivatedMs: number;
  codeLoadingMs: number;
  activateCallMs: number;
  serverReadyMs: number;
}

function newestModification(folder: string): number {
  return Math.max(...readdirSync(folder).map((name) => statSync(join(folder, name)).mtimeMs));
}

/** Packages with `npm run package` when pipsight.vsix is missing or older than dist/. */
function ensurePackage(root: string): void {
  if (existsSync(VSIX) && statSync(VSIX).mtimeMs >= newestModification(join(root, 'dist'))) return;
  process.stderr.write('  packaging pipsight.vsix (npm run package)\n');
  // Its output goes to stderr: stdout is the table.
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 2, 2] });
}

export function benchPackageSize(root: string, record: Recorder): void {
  ensurePackage(root);
  record('.vsix size (pipsight.vsix)', statSync(VSIX).size / MEGABYTE, 'MB', 2);
  for (const bundle of BUNDLES) {
    const path = join(root, 'dist', `${bundle}.js`);
    if (existsSync(path)) record(`bundle dist/${bundle}.js`, statSync(path).size / MEGABYTE, 'MB');
  }
}

/** One VS Code session running only the activation suite; null (with a note) when not measured. */
async function measureActivationOnce(root: string, notes: string[]): Promise<ActivationFigures | null> {
  rmSync(ACTIVATION_FILE, { force: true });
  // Offline: activation must not wait on (or be slowed by) a package index. A fresh copy per
  // session: each session removes its temp folder when it ends.
  const workspace = copyToTempDir(join(root, 'test/e2e/fixtures/workspace'), 'workspace-');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'pipsight.offline': true }));
  const output: string[] = [];
  let failure: string | null = null;
  try {
    const exitCode = await runExtensionHostTests({
      developmentPaths: [root],
      testsPath: join(root, 'test/e2e/exthost/index.js'),
      folder: workspace,
      env: { PIPSIGHT_E2E_SUITE_FILES: ACTIVATION_SUITE },
      timeoutMs: SESSION_TIMEOUT_MS,
      log: (line) => output.push(line),
    });
    if (exitCode !== 0 || !existsSync(ACTIVATION_FILE)) failure = `exit ${exitCode}`;
  } catch (error) {
    failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  if (failure !== null) {
    process.stderr.write(`${output.join('\n')}\n`);
    notes.push(`activation not measured: the extension-host session failed (${failure}; its output is above the table)`);
    return null;
  }
  return JSON.parse(readFileSync(ACTIVATION_FILE, 'utf8')) as ActivationFigures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** SESSIONS sessions; the median of each figure, every sample in a note; null when not measured. */
async function measureActivation(root: string, notes: string[]): Promise<ActivationFigures | null> {
  try {
    assertHostInstalled();
  } catch {
    notes.push('activation not measured: run npm run test:e2e once to install the VS Code host');
    return null;
  }
  const samples: ActivationFigures[] = [];
  for (let session = 1; session <= SESSIONS; session++) {
    process.stderr.write(`  starting VS Code for the activation measure (session ${session} of ${SESSIONS})\n`);
    const figures = await measureActivationOnce(root, notes);
    if (!figures) return null;
    samples.push(figures);
  }
  const keys: (keyof ActivationFigures)[] = ['loadToActivatedMs', 'codeLoadingMs', 'activateCallMs', 'serverReadyMs'];
  const format = (key: keyof ActivationFigures): string => samples.map((sample) => sample[key].toFixed(1)).join(', ');
  notes.push(`activation samples (${SESSIONS} VS Code sessions, medians in the table): ${keys.map((key) => `${key} ${format(key)}`).join('; ')}`);
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))])) as unknown as ActivationFigures;
}

export async function benchActivation(root: string, record: Recorder, notes: string[]): Promise<void> {
  const figures = await measureActivation(root, notes);
  if (!figures) return;
  record('VS Code activation (load + activate())', figures.loadToActivatedMs, 'ms', 150);
  record('  of which code loading (dist/client.js)', figures.codeLoadingMs, 'ms');
  record('  of which the activate() call', figures.activateCallMs, 'ms');
  record('server ready after activation', figures.serverReadyMs, 'ms');
}
