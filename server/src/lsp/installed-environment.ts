/**
 * The installed Python environment of each workspace folder, for the analyses (env-* and
 * installed-conflict diagnostics), hovers and the dependency tree. Discovery order (env/): the
 * `pipsight.pythonPath` setting, the interpreter the client reports from the ms-python extension
 * (`pipsight/setInterpreter`), `.venv`/`venv` in the folder, `VIRTUAL_ENV`.
 *
 * Never blocks typing: an analysis asks `contextFor`, which answers with what is known and starts
 * the discovery + scan in the background; when it finishes (or a watched site-packages folder
 * changes and the rescan finishes), `onChanged` re-analyses the open documents. A folder without
 * an environment is watched (fs.watch, so it works in every editor, whatever file watching the
 * client offers) for `.venv/pyvenv.cfg` or `venv/pyvenv.cfg` to appear; then it is discovered and
 * scanned. The environment is only read (dist-info folders), never executed.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { AnalysisContext, InstalledEnvironment } from '../core/context';
import { dirname, normalizePath, toSlashes } from '../core/paths';
import type { MarkerEnvironment } from '../core/pep508';
import { discoverEnvironment, loadEnvironment } from '../env';
import type { PipsightSettings } from '../protocol';
import type { ServerLog } from './log';
import { pathKey } from './uris';

/** Quiet time after the last change in a site-packages folder before it is scanned again (pip writes many files). */
const RESCAN_DELAY_MS = 400;
/** Folders a venv created later appears in (`python -m venv .venv`, `uv venv`, `uv sync`). */
const VENV_FOLDER_NAMES = ['.venv', 'venv'];
/** Key of interpreters reported for every workspace folder. */
const ALL_FOLDERS = '*';

interface FolderEnvironment {
  /** The discovery inputs this entry was found with; another value means discover again. */
  inputs: string;
  /** undefined while the first scan runs. */
  environment: InstalledEnvironment | null | undefined;
  loading: Promise<InstalledEnvironment | null>;
  watchers: FSWatcher[];
  rescanTimer?: NodeJS.Timeout;
  /** Bumped by every (re)load; a finished load that is not the latest is dropped. */
  generation: number;
}

export interface InstalledEnvironmentsOptions {
  log: ServerLog;
  settings: () => PipsightSettings;
  /** An environment was found, rescanned or lost: analyses that used it are out of date. */
  onChanged: () => void;
  /** Process environment (VIRTUAL_ENV); tests pass {}. */
  environmentVariables?: Record<string, string | undefined>;
  /** Watch site-packages for changes, and the folder for a venv created later (default true). */
  watchSitePackages?: boolean;
}

export class InstalledEnvironments {
  private workspaceFolders: string[] = [];
  private readonly interpreters = new Map<string, string>();
  private readonly byFolder = new Map<string, FolderEnvironment>();
  private disposed = false;

  constructor(private readonly options: InstalledEnvironmentsOptions) {}

  /** Workspace folder paths (from `initialize`); documents outside them use their own folder. */
  setWorkspaceFolders(paths: readonly string[]): void {
    this.workspaceFolders = paths.map((path) => normalizePath(toSlashes(path))).sort((a, b) => b.length - a.length);
  }

  /** The ms-python extension's interpreter for a workspace folder (null folder: all of them). */
  setInterpreter(folderPath: string | null, pythonPath: string | null): void {
    const key = folderPath === null ? ALL_FOLDERS : pathKey(folderPath);
    if (pythonPath) this.interpreters.set(key, pythonPath);
    else this.interpreters.delete(key);
    this.refreshAll();
  }

  /** The settings changed: folders whose discovery inputs changed are discovered again; a new target re-analyses. */
  settingsChanged(previous: PipsightSettings, current: PipsightSettings): void {
    if (previous.pythonPath !== current.pythonPath) this.refreshAll();
    else if (JSON.stringify(previous.targetEnvironment) !== JSON.stringify(current.targetEnvironment)) this.options.onChanged();
  }

  /** What analyses of the document at `path` get now (the environment may still be loading). */
  contextFor(path: string): AnalysisContext {
    const entry = this.entryFor(this.folderOf(path));
    return this.contextOf(entry.environment ?? null);
  }

  /** The environment of the document or folder at `path`, waiting for the scan. `rescan`: discover and read it again first. */
  async environmentFor(path: string, rescan = false, isFolder = false): Promise<InstalledEnvironment | null> {
    const folder = isFolder ? this.folderOfFolder(path) : this.folderOf(path);
    const existing = this.byFolder.get(pathKey(folder));
    if (rescan && existing) {
      this.stopWatching(existing);
      this.byFolder.delete(pathKey(folder));
    }
    return this.entryFor(folder).loading;
  }

  /** Markers are evaluated for the `pipsight.targetEnvironment` values over the interpreter's, when that setting is given. */
  targetEnvironment(installed: InstalledEnvironment | null): MarkerEnvironment | null {
    const setting = this.options.settings().targetEnvironment;
    return setting ? { ...(installed?.markerEnvironment ?? {}), ...setting } : null;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.byFolder.values()) this.stopWatching(entry);
    this.byFolder.clear();
  }

  private contextOf(installed: InstalledEnvironment | null): AnalysisContext {
    // The server's environment, for `${VAR}` in requirements files (pip expands them from its own).
    return { installed, targetEnvironment: this.targetEnvironment(installed), environmentVariables: process.env };
  }

  /** The workspace folder containing `path`, else the file's own folder. */
  private folderOf(path: string): string {
    const file = normalizePath(toSlashes(path));
    const key = pathKey(file);
    return this.workspaceFolders.find((folder) => key.startsWith(`${pathKey(folder)}/`)) ?? dirname(file);
  }

  private folderOfFolder(path: string): string {
    const folder = normalizePath(toSlashes(path));
    const key = pathKey(folder);
    return this.workspaceFolders.find((candidate) => key === pathKey(candidate) || key.startsWith(`${pathKey(candidate)}/`)) ?? folder;
  }

  private discoveryInputs(folder: string): { pythonPath: string | null; selectedInterpreter: string | null } {
    const setting = this.options.settings().pythonPath;
    const pythonPath = setting ? (isAbsolute(setting) ? setting : resolve(folder, setting)) : null;
    const selectedInterpreter = this.interpreters.get(pathKey(folder)) ?? this.interpreters.get(ALL_FOLDERS) ?? null;
    return { pythonPath, selectedInterpreter };
  }

  private entryFor(folder: string): FolderEnvironment {
    const key = pathKey(folder);
    const inputs = JSON.stringify(this.discoveryInputs(folder));
    const existing = this.byFolder.get(key);
    if (existing && existing.inputs === inputs) return existing;
    if (existing) this.stopWatching(existing);
    const entry: FolderEnvironment = { inputs, environment: undefined, loading: Promise.resolve(null), watchers: [], generation: 0 };
    this.byFolder.set(key, entry);
    this.load(folder, entry);
    return entry;
  }

  private load(folder: string, entry: FolderEnvironment): void {
    const generation = ++entry.generation;
    entry.loading = this.discoverAndScan(folder).then((environment) => {
      if (this.disposed || generation !== entry.generation || this.byFolder.get(pathKey(folder)) !== entry) return environment;
      const previous = entry.environment;
      entry.environment = environment;
      this.watch(folder, entry);
      if (environment) this.options.log.info(`Python environment for ${folder}: ${environment.prefix} (${environment.origin}, ${environment.distributions.length} distributions)`);
      else if (previous === undefined) this.options.log.debug(`No Python environment found for ${folder}`);
      if (environment || previous) this.options.onChanged();
      return environment;
    });
  }

  private async discoverAndScan(folder: string): Promise<InstalledEnvironment | null> {
    // Discovery stats a few files: done after the current message, never in the middle of an analysis.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const location = discoverEnvironment({
        workspaceRoot: folder,
        ...this.discoveryInputs(folder),
        environmentVariables: this.options.environmentVariables ?? process.env,
      });
      return location ? await loadEnvironment(location) : null;
    } catch (error) {
      this.options.log.error(`Reading the Python environment of ${folder} failed`, error);
      return null;
    }
  }

  /** Watches the environment's own site-packages (dist-info folders come and go there), or the folder for a venv to appear. */
  private watch(folder: string, entry: FolderEnvironment): void {
    if (entry.watchers.length > 0 || this.options.watchSitePackages === false) return;
    if (!entry.environment) {
      this.watchForVenv(folder, entry);
      return;
    }
    for (const sitePackages of entry.environment?.sitePackages?.slice(0, 1) ?? []) {
      try {
        const watcher = watch(sitePackages, { persistent: false }, () => this.scheduleRescan(folder, entry));
        watcher.on('error', () => watcher.close());
        entry.watchers.push(watcher);
      } catch (error) {
        this.options.log.debug(`Cannot watch ${sitePackages}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * No environment: watches the folder (not recursively) and its `.venv`/`venv` folders once they
   * exist, since pyvenv.cfg is written inside a folder created a moment before. When a
   * pyvenv.cfg is there after a quiet time, the folder is discovered again.
   */
  private watchForVenv(folder: string, entry: FolderEnvironment): void {
    const watched = new Set<string>();
    const watchFolder = (path: string, onChange: (name: string | null) => void) => {
      if (watched.has(path)) return;
      try {
        const watcher = watch(path, { persistent: false }, (_event, name) => onChange(name === null ? null : String(name)));
        watcher.on('error', () => watcher.close());
        entry.watchers.push(watcher);
        watched.add(path);
      } catch (error) {
        this.options.log.debug(`Cannot watch ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const watchVenvFolders = () => {
      for (const name of VENV_FOLDER_NAMES) {
        const venv = join(folder, name);
        if (existsSync(venv)) watchFolder(venv, () => this.scheduleVenvCheck(folder, entry));
      }
    };
    watchFolder(folder, (name) => {
      if (name !== null && !VENV_FOLDER_NAMES.includes(name)) return;
      watchVenvFolders();
      this.scheduleVenvCheck(folder, entry);
    });
    watchVenvFolders();
  }

  private scheduleVenvCheck(folder: string, entry: FolderEnvironment): void {
    clearTimeout(entry.rescanTimer);
    entry.rescanTimer = setTimeout(() => {
      if (this.disposed || this.byFolder.get(pathKey(folder)) !== entry) return;
      if (!VENV_FOLDER_NAMES.some((name) => existsSync(join(folder, name, 'pyvenv.cfg')))) return;
      this.options.log.debug(`A virtual environment appeared in ${folder}: discovering again`);
      this.stopWatching(entry);
      this.load(folder, entry);
    }, RESCAN_DELAY_MS);
  }

  private scheduleRescan(folder: string, entry: FolderEnvironment): void {
    clearTimeout(entry.rescanTimer);
    entry.rescanTimer = setTimeout(() => {
      if (this.disposed || this.byFolder.get(pathKey(folder)) !== entry) return;
      this.options.log.debug(`site-packages of ${folder} changed: scanning again`);
      this.load(folder, entry);
    }, RESCAN_DELAY_MS);
  }

  private stopWatching(entry: FolderEnvironment): void {
    clearTimeout(entry.rescanTimer);
    for (const watcher of entry.watchers) watcher.close();
    entry.watchers = [];
    entry.generation += 1;
  }

  private refreshAll(): void {
    for (const entry of this.byFolder.values()) this.stopWatching(entry);
    this.byFolder.clear();
    this.options.onChanged();
  }
}
