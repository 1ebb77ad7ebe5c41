export { translatePoetryConstraint, parsePoetryConstraintGroups, renderPep440 } from './constraint';
export type { ConstraintClause, ConstraintError, ConstraintGroups, TranslatedConstraint } from './constraint';
export { poetryPythonToMarker, poetryPlatformToMarker } from './markers';
