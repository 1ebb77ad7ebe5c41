/**
 * The rules a directory walk follows to leave files out, as ripgrep and ruff apply them:
 *
 * - `.ignore` files, in every folder walked and in the folders above the walk's start;
 * - inside a git repository (a folder with `.git`, at the start or above it) `.gitignore` files,
 *   up to the root of the innermost repository, and that repository's `.git/info/exclude`;
 * - each file's patterns apply below its own folder, with gitignore semantics (the `ignore`
 *   package): `build/` matches folders only, `/x` is anchored to the file's folder, `!keep/`
 *   re-includes.
 *
 * Precedence as in ripgrep: a `.ignore` match (the deepest file with a matching pattern wins) over
 * a `.gitignore` match (deepest first) over `.git/info/exclude`. A folder that is ignored is not
 * entered, so nothing below it is seen. The start of a walk is never ignored itself (a path the
 * user names is always searched), and neither is what a folder holds when the folder is entered
 * although one file's rules exclude it (the start, or a folder re-included by a `.ignore`): that
 * file's rules are then left out below it, where gitignore semantics would exclude everything.
 *
 * Besides these, `isNeverSource` names the folders never walked into whatever the rules say:
 * version-control data, virtual environments, installed packages, caches and setuptools' build output.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Ignore files larger than this are not read (a generated file, not rules someone wrote). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** Folder names never walked into: version control, installed packages, tool caches. */
const NEVER_SOURCE_NAMES = new Set([
  '.git', '.hg', '.svn', '.jj',
  'node_modules', 'site-packages', '__pypackages__', '.eggs',
  '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pytype', '.hypothesis',
]);

/** What setuptools writes into `build/`: `lib`, `lib.<platform>` and `bdist.<platform>`. */
const SETUPTOOLS_BUILD_OUTPUT = /^(?:lib(?:\..+)?|bdist\..+)$/;

/**
 * Folders that hold no source whatever the ignore files say: version control data, installed
 * packages (`node_modules`, `site-packages`, any virtual environment: a folder with a
 * `pyvenv.cfg`), caches, `*.egg-info`, and setuptools' output inside `build/` (`build/lib*`,
 * `build/bdist.*`; `build/` itself may hold a project's own files).
 */
export function isNeverSource(name: string, absolutePath: string): boolean {
  if (NEVER_SOURCE_NAMES.has(name) || name.endsWith('.egg-info')) return true;
  if (SETUPTOOLS_BUILD_OUTPUT.test(name) && basenameOf(dirname(absolutePath)) === 'build') return true;
  return existsSync(join(absolutePath, 'pyvenv.cfg'));
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf(sep) + 1);
}

/** The rules of one folder. */
interface FolderRules {
  folder: string;
  /** `.ignore`, `.gitignore`, and `.git/info/exclude` when the folder is the root of a repository. */
  matchers: Record<RuleKind, Ignore | null>;
  /** The folder has a `.git` (directory or file: a worktree or submodule). */
  hasGit: boolean;
}

type RuleKind = 'ignore' | 'gitignore' | 'gitExclude';
const RULE_KINDS: readonly RuleKind[] = ['ignore', 'gitignore', 'gitExclude'];

function readRules(path: string): Ignore | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_IGNORE_FILE_BYTES) return null;
    const text = readFileSync(path, 'utf8');
    // Case-sensitive like git's default core.ignorecase = false and ripgrep.
    return ignore({ ignorecase: false }).add(text);
  } catch {
    return null;
  }
}

function folderRules(folder: string): FolderRules {
  const gitPath = join(folder, '.git');
  const hasGit = existsSync(gitPath);
  return {
    folder,
    matchers: {
      ignore: readRules(join(folder, '.ignore')),
      gitignore: readRules(join(folder, '.gitignore')),
      gitExclude: hasGit ? readRules(join(gitPath, 'info', 'exclude')) : null,
    },
    hasGit,
  };
}

type Decision = 'ignored' | 'included' | null;

function decide(matcher: Ignore | null, folder: string, path: string, isDirectory: boolean): Decision {
  if (!matcher) return null;
  const relativePath = relative(folder, path).split(sep).join('/');
  if (relativePath === '' || relativePath.startsWith('..')) return null;
  const result = matcher.test(isDirectory ? `${relativePath}/` : relativePath);
  if (result.ignored) return 'ignored';
  if (result.unignored) return 'included';
  return null;
}

/** `rules` without the matchers that exclude `folder`, which is entered anyway. */
function withoutRulesExcluding(rules: FolderRules, folder: string): FolderRules {
  let matchers = rules.matchers;
  for (const kind of RULE_KINDS) {
    if (decide(matchers[kind], rules.folder, folder, true) === 'ignored') matchers = { ...matchers, [kind]: null };
  }
  return matchers === rules.matchers ? rules : { ...rules, matchers };
}

/** The rules in force in one folder of a walk: its own ignore files and those of every folder above it. */
export class IgnoreRules {
  private constructor(
    /** Innermost folder first. */
    private readonly chain: readonly FolderRules[],
  ) {}

  /** The rules for a walk starting at `start`: those of `start` and of every folder above it. */
  static forWalkRoot(start: string): IgnoreRules {
    const root = resolve(start);
    const chain: FolderRules[] = [folderRules(root)];
    for (let folder = root, parent = dirname(folder); parent !== folder; folder = parent, parent = dirname(folder)) {
      chain.push(withoutRulesExcluding(folderRules(parent), root));
    }
    return new IgnoreRules(chain);
  }

  /** The rules inside `folder`, a sub-folder of this one's that is not ignored. */
  enter(folder: string): IgnoreRules {
    return new IgnoreRules([folderRules(folder), ...this.chain.map((rules) => withoutRulesExcluding(rules, folder))]);
  }

  /** Whether the entry at `path` (directly inside the innermost folder of these rules) is ignored. */
  ignores(path: string, isDirectory: boolean): boolean {
    const inRepository = this.chain.some((rules) => rules.hasGit);
    const decisions: Record<RuleKind, Decision> = { ignore: null, gitignore: null, gitExclude: null };
    let pastRepositoryRoot = false;
    for (const rules of this.chain) {
      decisions.ignore ??= decide(rules.matchers.ignore, rules.folder, path, isDirectory);
      if (inRepository && !pastRepositoryRoot) {
        decisions.gitignore ??= decide(rules.matchers.gitignore, rules.folder, path, isDirectory);
        decisions.gitExclude ??= decide(rules.matchers.gitExclude, rules.folder, path, isDirectory);
      }
      pastRepositoryRoot ||= rules.hasGit;
    }
    return (decisions.ignore ?? decisions.gitignore ?? decisions.gitExclude) === 'ignored';
  }
}
