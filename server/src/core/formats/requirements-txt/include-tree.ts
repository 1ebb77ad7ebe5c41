/**
 * Follows `-r` / `-c` includes of a requirements file. Like pip, a target is resolved relative to
 * the directory of the file that includes it, `-r` inside a constraints file is a requirements
 * include again (pip's nested_constraint is per include), and URL targets are not fetched.
 */
import type { FileSource } from '../../file-source';
import type { Finding, Include, ParsedFile } from '../../model';
import { dirname, normalizePath, resolveRelativeTo } from '../../paths';
import { parseRequirementsTxt } from './index';

export interface IncludeTree {
  root: ParsedFile;
  /** files[0] is the root; then every included file once per kind, in discovery order. */
  files: ParsedFile[];
  /**
   * missing-include and include-cycle findings, by the path of the file that has the include line.
   * A cycle is reported at the line that closes it and, when the root is part of the loop, also at
   * the root's own include line that leads into it: each file of a loop shows it when opened.
   */
  findingsByPath: Map<string, Finding[]>;
  /** Resolved paths of includes that could not be read: creating one of them changes the tree. */
  missing: string[];
}

const MAX_INCLUDE_DEPTH = 50;
const MAX_INCLUDED_FILES = 500;
/** pip fetches these instead of reading a file (req_file.py SCHEME_RE). */
const URL_TARGET = /^(http|https|file):/i;

export function loadIncludeTree(rootPath: string, rootText: string, files: FileSource, options: { variables?: Record<string, string> } = {}): IncludeTree {
  const root = parseRequirementsTxt(rootText, rootPath, { variables: options.variables });
  const tree: IncludeTree = { root, files: [root], findingsByPath: new Map(), missing: [] };
  const rootDirectory = dirname(normalizePath(rootPath));
  const parsedByKindAndPath = new Set<string>([`requirement:${normalizePath(rootPath)}`]);
  /** Normalized paths of the files being visited, root first. */
  const chain: string[] = [normalizePath(rootPath)];
  /** The include lines followed to reach chain[i + 1]; includesFollowed[0] is the root's line. */
  const includesFollowed: Include[] = [];
  const rootLinesReported = new Set<Include>();

  const display = (path: string): string => (rootDirectory !== '.' && path.startsWith(`${rootDirectory}/`) ? path.slice(rootDirectory.length + 1) : path);
  const report = (file: ParsedFile, found: Finding): void => {
    const list = tree.findingsByPath.get(file.path) ?? [];
    list.push(found);
    tree.findingsByPath.set(file.path, list);
  };

  const visit = (file: ParsedFile): void => {
    for (const include of file.includes) {
      if (URL_TARGET.test(include.target)) continue;
      const target = resolveRelativeTo(file.path, include.target);
      const cycleStart = chain.indexOf(target);
      if (cycleStart >= 0) {
        const names = [...chain.slice(cycleStart), target].map(display).join(' → ');
        report(file, { code: 'include-cycle', severity: 'error', message: `Include cycle: ${names}`, span: include.span });
        if (cycleStart === 0 && file !== root) reportCycleAtRoot([...chain, target]);
        continue;
      }
      const key = `${include.kind}:${target}`;
      if (parsedByKindAndPath.has(key)) continue;
      if (chain.length > MAX_INCLUDE_DEPTH || tree.files.length >= MAX_INCLUDED_FILES) continue;
      const text = files.read(target);
      if (text === undefined) {
        report(file, missingInclude(include, target));
        if (!tree.missing.includes(target)) tree.missing.push(target);
        continue;
      }
      parsedByKindAndPath.add(key);
      const child = parseRequirementsTxt(text, target, { variables: options.variables, asConstraints: include.kind === 'constraint' });
      tree.files.push(child);
      chain.push(target);
      includesFollowed.push(include);
      visit(child);
      includesFollowed.pop();
      chain.pop();
    }
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
    message: `Included file not found: ${include.target} (resolved to ${resolved})`,
    span: include.targetSpan,
  };
}
