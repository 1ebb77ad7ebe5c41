/**
 * The .vsix holds only what runs: the bundles in dist/, the grammar, the language configuration,
 * the manifest, README, LICENSE, CHANGELOG, the icon and the view container's icon. Lists the files exactly as
 * `vsce package --no-dependencies` packs them (vsce's own listFiles, honouring .vscodeignore).
 * dist/ must be built (`npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  icon?: string;
  contributes?: {
    grammars?: { path: string }[];
    languages?: { configuration?: string }[];
    viewsContainers?: Record<string, { icon: string }[]>;
    views?: Record<string, { icon?: string }[]>;
  };
};

/** Every file the package may hold, as patterns on its path inside the extension folder. */
const ALLOWED = [
  /^dist\/(client|server|cli)\.js$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^language-configuration\.json$/,
  /^docs\/icon\.png$/,
  /^media\/[\w.-]+\.svg$/,
  /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
];

/** A path as the manifest writes it ("./dist/client.js") made comparable with listed files. */
function packagePath(manifestPath: string): string {
  return normalize(manifestPath).replace(/\\/g, '/');
}

describe('the .vsix contents', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = (await listFiles({ cwd: root, packageManager: PackageManager.None })).map((file) => file.replace(/\\/g, '/')).sort();
  }, 60000);

  it('holds the three bundles (run `npm run build` first)', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/client.js', 'dist/server.js', 'dist/cli.js']));
  });

  it('holds the manifest, README, LICENSE and CHANGELOG', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
  });

  it('holds every file the manifest points at: main, grammars, language configurations, icons', () => {
    const referenced = [
      manifest.main,
      ...(manifest.contributes?.grammars ?? []).map((grammar) => grammar.path),
      ...(manifest.contributes?.languages ?? []).flatMap((language) => (language.configuration ? [language.configuration] : [])),
      ...(manifest.icon ? [manifest.icon] : []),
      // View container and view icons that are files (`$(name)` is a built-in icon).
      ...[...Object.values(manifest.contributes?.viewsContainers ?? {}), ...Object.values(manifest.contributes?.views ?? {})]
        .flat()
        .flatMap((entry) => (entry.icon && !entry.icon.startsWith('$(') ? [entry.icon] : [])),
    ].map(packagePath);
    expect(referenced.length).toBeGreaterThan(2);
    expect(files).toEqual(expect.arrayContaining(referenced));
  });

  it('holds nothing else: no sources, tests, examples, benchmarks, scripts or node_modules', () => {
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(files.filter((file) => /^(server|client)\/src\/|^test\/|^node_modules\/|^examples\/|^bench\/|^scripts\//.test(file))).toEqual([]);
  });
});
