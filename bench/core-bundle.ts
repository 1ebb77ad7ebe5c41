/**
 * The benchmarks time the code users run: core bundled and minified by esbuild exactly as
 * scripts/build.mjs bundles the server, not the per-file transpiled sources tsx would load.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface CoreBundle {
  analyzeDocument: typeof import('../server/src/core/analyze').analyzeDocument;
  parseDocument: typeof import('../server/src/core/parse').parseDocument;
  MapFileSource: typeof import('../server/src/core/file-source').MapFileSource;
  graphFromLock: typeof import('../server/src/core/graph').graphFromLock;
  dependencyTree: typeof import('../server/src/core/graph').dependencyTree;
}

export function loadCoreBundle(root: string, outDirectory: string): CoreBundle {
  return loadBundle<CoreBundle>(join(outDirectory, 'core-bundle.cjs'), {
    stdin: {
      contents: [
        "export { analyzeDocument } from './server/src/core/analyze';",
        "export { parseDocument } from './server/src/core/parse';",
        "export { MapFileSource } from './server/src/core/file-source';",
        "export { graphFromLock, dependencyTree } from './server/src/core/graph';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
  });
}

/** Bundles `input` (entry points or stdin) as described above into `outfile`, and loads it. */
export function loadBundle<T>(outfile: string, input: Pick<BuildOptions, 'entryPoints' | 'stdin'>): T {
  buildSync({
    ...input,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile) as T;
}
