/**
 * Follows `-r` / `-c` includes of a requirements file. Like pip, a target is resolved relative to
 * the directory of the file that includes it, `-r` inside a constraints file is a requirements
 * include again (pip's nested_constraint is per include), and URL targets are not fetched.
 */
import { loadFile, type FileSource } from '../../file-source';
import { decodingFindings, unreadIncludeFinding } from '../../file-limits';
import type { Finding, Include, ParsedFile } from '../../model';
import { dirname, normalizePath, resolveRelativeTo } from '../../paths';
import { parseRequirementsTxt } from './index';

export interface IncludeTree {
  root: ParsedFile;
  /** files[0] is the root; then every included file once per kind, in discovery order. */
  files: ParsedFile[];
  /**
   * missing-include, file-unreadable, file-too-large, include-cycle and include-limit findings, by
   * the path of the file that has the include line. A cycle or a limit met in an included file is
   * reported at the line where it happens and also at the root's own include line that leads
   * there: each file of a loop shows it when opened, and the root shows what it does not check.
   */
  findingsByPath: Map<string, Finding[]>;
  /** Resolved paths of includes that could not be read: creating (or fixing) one of them changes the tree. */
  missing: string[];
  /** Every included file (not the root): the include line that brought it in, and the file that has that line. */
  includedFrom: Map<ParsedFile, IncludeEdge>;
}

export interface IncludeEdge {
  from: ParsedFile;
  include: Include;
}

/** Includes nested deeper than this are not followed (reported as include-limit). */
export const MAX_INCLUDE_DEPTH = 50;
/** A tree stops growing at this many files, the root included (further includes: include-limit). */
export const MAX_INCLUDED_FILES = 500;
/** pip fetches these instead of reading a file (req_file.py SCHEME_RE). */
const URL_TARGET = /^(http|https|file):/i;

export function loadIncludeTree(rootPath: string, rootText: string, files: FileSource, options: { variables?: Readonly<Record<string, string | undefined>> } = {}): IncludeTree {
  const root = parseRequirementsTxt(rootText, rootPath, { variables: options.variables });
  const tree: IncludeTree = { root, files: [root], findingsByPath: new Map(), missing: [], includedFrom: new Map() };
  const rootDirectory = dirname(normalizePath(rootPath));
  const parsedByKindAndPath = new Set<string>([`requirement:${normalizePath(rootPath)}`]);
  /** Normalized paths of the files being visited, root first. */
  const chain: string[] = [normalizePath(rootPath)];
  /** The include lines followed to reach chain[i + 1]; includesFollowed[0] is the root's line. */
  const includesFollowed: Include[] = [];
  const rootLinesReported = new Set<Include>();
  const limitLinesReported = new Set<Include>();

  const display = (path: string): string => (rootDirectory !== '.' && path.startsWith(`${rootDirectory}/`) ? path.slice(rootDirectory.length + 1) : path);
  const report = (file: ParsedFile, found: Finding): void => {
    const list = tree.findingsByPath.get(file.path) ?? [];
    list.push(found);
    tree.findingsByPath.set(file.path, list);
  };

  const visit = (file: ParsedFile): void => {
    for (const include of file.includes) {
      // The file pip reads: the path with ${VAR} expanded (messages show the path as written).
      const path = include.expandedTarget ?? include.target;
      if (URL_TARGET.test(path)) continue;
      const target = resolveRelativeTo(file.path, path);
      const cycleStart = chain.indexOf(target);
      if (cycleStart >= 0) {
        const names = [...chain.slice(cycleStart), target].map(display).join(' → ');
        report(file, { code: 'include-cycle', severity: 'error', message: `Include cycle: ${names}`, span: include.span });
        if (cycleStart === 0 && file !== root) reportCycleAtRoot([...chain, target]);
        continue;
      }
      const key = `${include.kind}:${target}`;
      if (parsedByKindAndPath.has(key)) continue;
      if (chain.length > MAX_INCLUDE_DEPTH) {
        reportLimit(file, include, `Include not followed: ${display(target)} would be more than ${MAX_INCLUDE_DEPTH} includes deep; its requirements are not checked`);
        continue;
      }
      if (tree.files.length >= MAX_INCLUDED_FILES) {
        reportLimit(file, include, `Include not followed: the include tree already has ${MAX_INCLUDED_FILES} files; the requirements of ${display(target)} are not checked`);
        continue;
      }
      const loaded = loadFile(files, target);
      if (loaded.status !== 'read') {
        report(file, loaded.status === 'missing' ? missingInclude(include, target) : unreadIncludeFinding(include.target, loaded, include.targetSpan));
        if (!tree.missing.includes(target)) tree.missing.push(target);
        continue;
      }
      parsedByKindAndPath.add(key);
      const child = parseRequirementsTxt(loaded.text, target, { variables: options.variables, asConstraints: include.kind === 'constraint' });
      if (loaded.decodingProblems.length > 0) {
        child.errors.push(...decodingFindings(loaded.decodingProblems));
        child.errors.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      }
      tree.files.push(child);
      tree.includedFrom.set(child, { from: file, include });
      chain.push(target);
      includesFollowed.push(include);
      visit(child);
      includesFollowed.pop();
      chain.pop();
    }
  };
  /** A limit met in `file`: reported at its include line and, for an included file, at the root's line that leads there (once per line). */
  const reportLimit = (file: ParsedFile, include: Include, message: string): void => {
    report(file, { code: 'include-limit', severity: 'warning', message, span: include.span });
    if (file === root) return;
    const line = includesFollowed[0];
    if (limitLinesReported.has(line)) return;
    limitLinesReported.add(line);
    report(root, { code: 'include-limit', severity: 'warning', message: `Not every file included from here is checked: ${message.replace(/^Include not followed: /, '')} (in ${display(file.path)})`, span: line.span });
  };
  /** `loop` starts and ends at the root: report it at the root's include line that enters it (once per line). */
  const reportCycleAtRoot = (loop: string[]): void => {
    const line = includesFollowed[0];
    if (rootLinesReported.has(line)) return;
    rootLinesReported.add(line);
    report(root, { code: 'include-cycle', severity: 'error', message: `Include cycle: ${loop.map(display).join(' → ')}`, span: line.span });
  };
  visit(root);
  return tree;
}

function missingInclude(include: Include, resolved: string): Finding {
  return {
    code: 'missing-include',
    severity: 'error',
    // A path with ${VAR} expanded is not quoted: the variable's value stays out of messages.
    message: include.expandedTarget === undefined ? `Included file not found: ${include.target} (resolved to ${resolved})` : `Included file not found: ${include.target} (with the environment's variables expanded)`,
    span: include.targetSpan,
  };
}
