/** What bench/scaling.ts times, bundled by esbuild as the server bundles core. */
export { analyzeDocument } from '../server/src/core/analyze';
export { parseDocument } from '../server/src/core/parse';
export { MapFileSource } from '../server/src/core/file-source';
export { graphFromLock, dependencyTree } from '../server/src/core/graph';
export { parseSimpleHtml, parseSimpleJson, redactCredentials } from '../server/src/core/indexes';
export { parseRequirement, parseMarker } from '../server/src/core/pep508';
export { parseSpecifierSet } from '../server/src/core/pep440';
