/**
 * Each tool's index order. The CLI's `--index-url` replaces the default index of every tool and its
 * `--extra-index-url`s come first among the additional indexes (PlanContext.commandLine).
 *
 * pip: one default index — the last `--index-url` of the requirements tree, else a `pipsight.indexes`
 *   default, else PIP_INDEX_URL, else pip.conf `index-url`, else PyPI — followed by every extra index
 *   (`--extra-index-url` lines, other pipsight.indexes entries, PIP_EXTRA_INDEX_URL or, when that
 *   is unset, pip.conf `extra-index-url`). pip asks them all and merges the releases.
 * uv: indexes from UV_INDEX (`[name=]url`, space-separated) and UV_EXTRA_INDEX_URL first, then
 *   requirements-file `--extra-index-url`, `[[tool.uv.index]]` in order, uv.toml `[[index]]`, other
 *   pipsight.indexes entries, and last the default index: UV_DEFAULT_INDEX, UV_INDEX_URL,
 *   `--index-url`, the `default = true` index, uv.toml's default / `index-url`, a pipsight.indexes
 *   default, else PyPI. `explicit = true` indexes only answer pinned packages. The first index that
 *   has the project answers (`first-index`); UV_INDEX_STRATEGY / uv.toml `index-strategy`
 *   `unsafe-best-match` merges instead.
 * Poetry: default → primary → implicit PyPI (unless a default/primary source exists or PyPI is
 *   declared) → secondary, all merged; `supplemental` sources are asked only when none of those has
 *   the project; `explicit` sources only for `source =` pins.
 * PDM: PyPI (or PDM_PYPI_URL, or a source named "pypi") first — with PDM_PYPI_USERNAME /
 *   PDM_PYPI_PASSWORD when its URL carries none —, then `[[tool.pdm.source]]` in order
 *   (`find_links` sources are not indexes); all are merged.
 */
import type { IndexDeclaration } from '../model';
import { pdmDefaultSourceCredentials } from './index-credentials';
import type { IndexCollector } from './index-plan';
import type { ConfiguredIndex, IndexEnvironment, IndexStrategy, SelectedIndex } from './index-plan-types';

export interface PlanContext {
  declarations: IndexDeclaration[];
  settings: ConfiguredIndex[];
  environment: IndexEnvironment;
  collector: IndexCollector;
  /** `--index-url` (replaces the tool's default index) and `--extra-index-url` of the CLI: top priority. */
  commandLine: { indexUrl: SelectedIndex | null; extras: SelectedIndex[] };
}

export interface ToolPlan {
  indexes: SelectedIndex[];
  strategy: IndexStrategy;
  fallback: SelectedIndex[];
  named: SelectedIndex[];
}

const present = (values: (SelectedIndex | null)[]): SelectedIndex[] => values.filter((value): value is SelectedIndex => value !== null);

function splitList(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

function settingIndexes(context: PlanContext, wantDefault: boolean): SelectedIndex[] {
  return present(context.settings.filter((entry) => !!entry.default === wantDefault).map((entry) => context.collector.make(entry.url, entry.name ?? null, 'pipsight.indexes', { credentialTool: 'any' })));
}

function pipDeclarations(context: PlanContext, role: string): IndexDeclaration[] {
  return context.declarations.filter((declaration) => declaration.tool === 'pip' && declaration.role === role);
}

export function pipPlan(context: PlanContext): ToolPlan {
  const { collector, environment } = context;
  const variables = environment.variables;
  const fileDefault = pipDeclarations(context, 'index-url').at(-1);
  const defaultIndex =
    context.commandLine.indexUrl ??
    (fileDefault && collector.make(fileDefault.url, null, 'requirements', { requestUrl: fileDefault.requestUrl })) ??
    settingIndexes(context, true)[0] ??
    (variables.PIP_INDEX_URL ? collector.make(variables.PIP_INDEX_URL, null, 'PIP_INDEX_URL') : null) ??
    (environment.pip.indexUrl ? collector.make(environment.pip.indexUrl, null, 'pip.conf') : null) ??
    collector.pypi();
  const environmentExtras = variables.PIP_EXTRA_INDEX_URL !== undefined
    ? splitList(variables.PIP_EXTRA_INDEX_URL).map((url) => collector.make(url, null, 'PIP_EXTRA_INDEX_URL'))
    : environment.pip.extraIndexUrls.map((url) => collector.make(url, null, 'pip.conf'));
  const extras = [
    ...context.commandLine.extras,
    ...pipDeclarations(context, 'extra-index-url').map((declaration) => collector.make(declaration.url, null, 'requirements', { requestUrl: declaration.requestUrl })),
    ...settingIndexes(context, false),
    ...environmentExtras,
  ];
  return { indexes: dedupeByUrl([defaultIndex, ...present(extras)]), strategy: 'merge', fallback: [], named: [] };
}

/** `name=url` or `url` (UV_INDEX entries). */
function uvIndexEntry(collector: IndexCollector, entry: string, origin: string): SelectedIndex | null {
  const match = /^([A-Za-z0-9._-]+)=(.+)$/.exec(entry);
  return match && !/^https?:/i.test(entry) ? collector.make(match[2], match[1], origin) : collector.make(entry, null, origin);
}

export function uvPlan(context: PlanContext): ToolPlan {
  const { collector, environment } = context;
  const variables = environment.variables;
  const declared = context.declarations.filter((declaration) => declaration.tool === 'uv');
  const configured = environment.uv.indexes;
  const fromEnvironment = [
    ...context.commandLine.extras,
    ...splitList(variables.UV_INDEX).map((entry) => uvIndexEntry(collector, entry, 'UV_INDEX')),
    ...splitList(variables.UV_EXTRA_INDEX_URL).map((url) => collector.make(url, null, 'UV_EXTRA_INDEX_URL')),
  ];
  const fileExtras = pipDeclarations(context, 'extra-index-url').map((declaration) => collector.make(declaration.url, null, 'requirements', { requestUrl: declaration.requestUrl }));
  const project = declared.filter((declaration) => declaration.role !== 'default').map((declaration) => collector.make(declaration.url, declaration.name, 'pyproject', { explicit: declaration.role === 'explicit' }));
  const userConfig = configured.filter((index) => !index.default).map((index) => collector.make(index.url, index.name, 'uv.toml', { explicit: index.explicit }));
  const configExtras = environment.uv.extraIndexUrls.map((url) => collector.make(url, null, 'uv.toml'));
  const fileDefault = pipDeclarations(context, 'index-url').at(-1);
  const declaredDefault = declared.find((declaration) => declaration.role === 'default');
  const configDefault = configured.find((index) => index.default);
  const defaultIndex =
    context.commandLine.indexUrl ??
    (variables.UV_DEFAULT_INDEX ? collector.make(variables.UV_DEFAULT_INDEX, null, 'UV_DEFAULT_INDEX') : null) ??
    (variables.UV_INDEX_URL ? collector.make(variables.UV_INDEX_URL, null, 'UV_INDEX_URL') : null) ??
    (fileDefault ? collector.make(fileDefault.url, null, 'requirements', { requestUrl: fileDefault.requestUrl }) : null) ??
    (declaredDefault ? collector.make(declaredDefault.url, declaredDefault.name, 'pyproject') : null) ??
    (configDefault ? collector.make(configDefault.url, configDefault.name, 'uv.toml') : null) ??
    (environment.uv.indexUrl ? collector.make(environment.uv.indexUrl, null, 'uv.toml') : null) ??
    settingIndexes(context, true)[0] ??
    collector.pypi();
  const all = present([...fromEnvironment, ...fileExtras, ...project, ...userConfig, ...configExtras, ...settingIndexes(context, false)]);
  const strategyName = variables.UV_INDEX_STRATEGY ?? environment.uv.indexStrategy;
  return {
    indexes: dedupeByUrl([...all.filter((index) => !index.explicit), defaultIndex]),
    strategy: strategyName === 'unsafe-best-match' ? 'merge' : 'first-match',
    fallback: [],
    named: [
      ...all.filter((index) => index.explicit),
      // A default the command line replaced still answers pins to its name.
      ...present([context.commandLine.indexUrl && declaredDefault ? collector.make(declaredDefault.url, declaredDefault.name, 'pyproject') : null]),
    ],
  };
}

/**
 * Poetry's documented order (docs/repositories.md, "Package sources are considered in the following
 * order"): default (deprecated), primary, the implicit PyPI — unless a default or primary source
 * exists or PyPI is declared as a source itself —, secondary (deprecated; searched like primary, at
 * a lower priority), then supplemental (only when none of those has the package). Within a
 * priority, declaration order. `secondary` does not disable PyPI.
 */
export function poetryPlan(context: PlanContext): ToolPlan {
  const { collector } = context;
  const sources = context.declarations.filter((declaration) => declaration.tool === 'poetry');
  const make = (declaration: IndexDeclaration) => collector.make(declaration.url, declaration.name, 'pyproject', { explicit: declaration.role === 'explicit' });
  const withRole = (role: string) => present(sources.filter((source) => source.role === role).map(make));
  const replacesPypi = sources.some((source) => source.role === 'default' || source.role === 'primary' || source.name?.toLowerCase() === 'pypi');
  const implicitPypi = replacesPypi ? [] : [settingIndexes(context, true)[0] ?? collector.pypi()];
  const main = context.commandLine.indexUrl ? [context.commandLine.indexUrl] : [...withRole('default'), ...withRole('primary'), ...implicitPypi];
  return {
    indexes: dedupeByUrl([...main, ...context.commandLine.extras, ...withRole('secondary')]),
    strategy: 'merge',
    fallback: [...withRole('supplemental'), ...settingIndexes(context, false)],
    // Sources the command line replaced still answer `source =` pins.
    named: [...withRole('explicit'), ...(context.commandLine.indexUrl ? [...withRole('default'), ...withRole('primary')] : [])],
  };
}

export function pdmPlan(context: PlanContext): ToolPlan {
  const { collector, environment } = context;
  const sources = context.declarations.filter((declaration) => declaration.tool === 'pdm' && declaration.role !== 'find_links');
  const pypiSource = sources.find((source) => source.name?.toLowerCase() === 'pypi');
  const pdmDefault =
    (pypiSource ? collector.make(pypiSource.url, pypiSource.name, 'pyproject') : null) ??
    (environment.variables.PDM_PYPI_URL ? collector.make(environment.variables.PDM_PYPI_URL, 'pypi', 'PDM_PYPI_URL') : null) ??
    settingIndexes(context, true)[0] ??
    collector.pypi();
  const pdmCredentials = pdmDefault.credentials ?? pdmDefaultSourceCredentials(environment.variables);
  const pypi = context.commandLine.indexUrl ?? { ...pdmDefault, credentials: pdmCredentials };
  const others = sources.filter((source) => source !== pypiSource).map((source) => collector.make(source.url, source.name, 'pyproject', { credentialTool: 'any' }));
  return { indexes: dedupeByUrl([pypi, ...context.commandLine.extras, ...present(others), ...settingIndexes(context, false)]), strategy: 'merge', fallback: [], named: [] };
}

function dedupeByUrl(indexes: SelectedIndex[]): SelectedIndex[] {
  const seen = new Set<string>();
  return indexes.filter((index) => !seen.has(index.url) && !!seen.add(index.url));
}
