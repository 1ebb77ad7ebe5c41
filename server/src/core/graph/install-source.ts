/**
 * Where an installed distribution came from when not from an index (PEP 610 direct_url.json): an
 * editable install of a local folder, a local file or folder, or a URL (VCS, archive). Shown in
 * the installed-environment tree (`editable ./path`, `from https://…`) and the hover.
 */
import { normalizePath, toSlashes } from '../paths';
import type { DependencyGraph, GraphNode } from './types';

export interface InstallSource {
  /** direct_url.json `url` as written (`file:///…`, `https://…`). */
  url: string;
  editable: boolean;
  /** `editable ./path` or `from <path or url>`; local paths relative to the project folder. */
  label: string;
}

/** Installed graphs keep direct_url.json in `source` as `editable:<url>` or `<url>`. */
export function installSourceOf(graph: DependencyGraph, node: GraphNode, projectFolder: string | null): InstallSource | undefined {
  if (graph.kind !== 'installed' || !node.source) return undefined;
  const editable = node.source.startsWith('editable:');
  return describeInstallSource({ url: editable ? node.source.slice('editable:'.length) : node.source, editable }, projectFolder);
}

export function describeInstallSource(directUrl: { url: string; editable: boolean }, projectFolder: string | null): InstallSource {
  const path = filePath(directUrl.url);
  const where = path === null ? directUrl.url : relativeTo(path, projectFolder);
  return { url: directUrl.url, editable: directUrl.editable, label: `${directUrl.editable ? 'editable' : 'from'} ${where}` };
}

/** The path of a `file:` URL (`file:///C:/x` → `C:/x`), else null. */
function filePath(url: string): string | null {
  const match = /^file:\/\/(?:localhost)?(\/.*)$/i.exec(url);
  if (!match) return null;
  let path = match[1];
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape: shown as written
  }
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** `./sub/dir` inside the project folder, `.` for the folder itself, else the absolute path. */
function relativeTo(path: string, folder: string | null): string {
  const normalized = normalizePath(toSlashes(path));
  if (!folder) return normalized;
  const base = normalizePath(toSlashes(folder)).replace(/\/$/, '');
  if (normalized === base) return '.';
  return normalized.startsWith(`${base}/`) ? `./${normalized.slice(base.length + 1)}` : normalized;
}
