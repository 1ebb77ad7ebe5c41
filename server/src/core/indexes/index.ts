/**
 * Package index data in core terms (pure): parsing Simple API pages (PEP 691 JSON, PEP 503 HTML),
 * core metadata (PEP 658/714), the PyPI JSON API extra; questions about releases; index selection
 * per tool; URL redaction; sanitising of text from remote servers. HTTP and caching live in server/src/registry.
 */
export * from './project-page';
export { parseDistributionFilename, type DistributionKind, type ParsedFilename } from './distribution-filename';
export { parseSimpleJson, simpleJsonSteps } from './simple-json';
export { MAX_HTML_PAGE_CHARS, parseSimpleHtml, simpleHtmlSteps, unescapeHtml } from './simple-html';
export { parseCoreMetadata, type CoreMetadata } from './metadata';
export { parsePypiJson, type PypiProjectDetails } from './pypi-json';
export * from './index-url';
export { sanitizeRemoteText, sanitizeRemoteValue, hasControlCharacters, type SanitizeOptions } from './remote-text';
export * from './releases';
export { parseNetrc, netrcCredentialsFor, type NetrcEntry } from './netrc';
export * from './index-plan-types';
export { buildIndexPlan, indexesForRequirement, detectIndexTool, EMPTY_INDEX_ENVIRONMENT } from './index-plan';
export { credentialsFromEnvironment } from './index-credentials';
export { readUvIndexSources, chooseUvIndex, type UvIndexSource } from './uv-sources';
