/**
 * What kind of direct reference a package comes from, when it does not come from an index: a
 * version-control repository (`git+https://…`, a `.git` URL, a uv `…?rev=…#<commit>` source), a
 * local path (a folder, a wheel file, `file:` URLs, editable installs) or a URL of an archive.
 * Lockfiles keep index URLs and direct URLs in the same `source` field, so a URL that is neither
 * an archive nor a repository counts as an index unless the caller knows it is direct.
 */
export interface DirectReference {
  kind: 'vcs' | 'path' | 'url';
  /** For `vcs`: git, hg, svn or bzr. */
  vcs?: string;
  /** The URL or path as the source writes it (without `editable:` / `virtual:` / `git+`). */
  url: string;
  editable?: true;
}

const VCS_PREFIX = /^(git|hg|svn|bzr)\+(.+)$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const ARCHIVE = /\.(whl|zip|tar|tgz|tar\.gz|tar\.bz2|tbz|tar\.xz|txz)$/i;
/** Hosts that serve repositories, not package indexes. */
const REPOSITORY_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'git.sr.ht']);

/**
 * @param source  a requirement URL, a lock source or an installed `direct_url.json` URL
 *                (`editable:` / `virtual:` prefixes as the graph writes them)
 * @param direct  true when `source` is known to be a direct reference (a declared URL, an
 *                installed direct_url.json): a plain URL is then an archive URL, not an index
 */
export function directReferenceOf(source: string | null | undefined, direct: boolean): DirectReference | undefined {
  if (!source) return undefined;
  const local = /^(editable|virtual):(.*)$/s.exec(source);
  if (local) {
    const inner = directReferenceOf(local[2] || '.', true) ?? { kind: 'path' as const, url: local[2] || '.' };
    return local[1] === 'editable' ? { ...inner, editable: true } : inner;
  }
  const vcs = VCS_PREFIX.exec(source);
  if (vcs) return { kind: 'vcs', vcs: vcs[1].toLowerCase(), url: vcs[2] };
  if (/^git@[^:]+:/.test(source)) return { kind: 'vcs', vcs: 'git', url: source };
  const scheme = SCHEME.exec(source)?.[1].toLowerCase();
  if (scheme === undefined) return { kind: 'path', url: source };
  if (scheme === 'file') return { kind: 'path', url: source };
  if (scheme === 'git' || scheme === 'ssh') return { kind: 'vcs', vcs: 'git', url: source };
  const { host, path, query, fragment } = urlParts(source);
  if (/\.git\/?$/i.test(path)) return { kind: 'vcs', vcs: 'git', url: source };
  if (ARCHIVE.test(path)) return { kind: 'url', url: source };
  // uv records a git source as `https://host/repo?rev=…#<commit>`.
  if (/^[0-9a-f]{40}$/i.test(fragment) || /(^|&)(rev|tag|branch)=/.test(query)) return { kind: 'vcs', vcs: 'git', url: source };
  if (REPOSITORY_HOSTS.has(host)) return { kind: 'vcs', vcs: 'git', url: source };
  return direct ? { kind: 'url', url: source } : undefined;
}

function urlParts(url: string): { host: string; path: string; query: string; fragment: string } {
  try {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname);
    // `repo.git@v1.0`: pip's revision suffix
    const at = path.lastIndexOf('@');
    return { host: parsed.hostname.toLowerCase(), path: at > path.lastIndexOf('/') ? path.slice(0, at) : path, query: parsed.search.slice(1), fragment: parsed.hash.slice(1) };
  } catch {
    return { host: '', path: url, query: '', fragment: '' };
  }
}

/** Installed environments and pip-compile outputs record a source only for direct references. */
export function isDirectSource(graph: { kind: string }): boolean {
  return graph.kind === 'installed' || graph.kind === 'pip-compile';
}
