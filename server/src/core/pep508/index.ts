/**
 * PEP 508 public API of core (contract). Our own parser: spans for every part, errors with spans.
 */
export type {
  Marker, MarkerEnvironment, MarkerNode, MarkerOperand, MarkerVariable, ParsedRequirement, RequirementError,
} from './types';
export { parseRequirement } from './requirement-parser';
export { parseMarker } from './parse-marker';
export { evaluateMarker } from './marker-evaluate';
export { markerToString } from './marker-format';
export { defaultEnvironments, markersCanOverlap } from './environments';
