/**
 * Public API of the registry (package indexes over HTTP). See README section "Package indexes"
 * for usage. Everything returns typed results; nothing throws for network or
 * data problems.
 */
export { IndexClient, SIMPLE_API_ACCEPT, type IndexClientOptions, type ProjectResult, type MetadataResult, type PypiDetailsResult, type IndexAnswer } from './index-client';
export { resolveProject, type ResolvedProject, type IndexFailure } from './resolve-project';
export { createDispatcher, type NetworkOptions } from './dispatcher';
export { cacheDirectoryProblem, defaultCacheDirectory } from './cache-directory';
export { CredentialStore } from './credentials';
export { redactUrl } from '../core/indexes';
export type { RegistryError, RegistryErrorKind, RegistryResult, AnswerSource, Clock, IndexLocation, RegistryLogger } from './types';
export { systemClock } from './types';
export { collectInsights, createInsightsContext, namesSeenOnIndexes, type CollectInsightsOptions, type InsightsContext, type InsightsContextInput } from './insights';
