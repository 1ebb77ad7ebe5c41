/**
 * PEP 508 types shared by the files of this folder (the public contract, re-exported by index.ts).
 */
import type { Span } from '../span';

export interface RequirementError {
  code: 'invalid-requirement' | 'invalid-specifier' | 'local-version-in-range';
  message: string;
  /** Relative to the text given to the parser. */
  span: Span;
}

export type MarkerVariable =
  | 'python_version' | 'python_full_version' | 'os_name' | 'sys_platform' | 'platform_release'
  | 'platform_system' | 'platform_version' | 'platform_machine' | 'platform_python_implementation'
  | 'implementation_name' | 'implementation_version' | 'extra' | 'extras' | 'dependency_groups';

export type MarkerNode =
  | { type: 'and' | 'or'; left: MarkerNode; right: MarkerNode }
  | { type: 'compare'; left: MarkerOperand; op: string; right: MarkerOperand };

export type MarkerOperand = { type: 'variable'; name: MarkerVariable } | { type: 'string'; value: string };

export interface Marker {
  tree: MarkerNode;
  /** Normalized text in packaging's style: `python_version >= "3.8" and sys_platform == "linux"`. */
  text: string;
}

/** Values of marker variables; `extra`/`extras`/`dependency_groups` may be absent. */
export type MarkerEnvironment = Partial<Record<Exclude<MarkerVariable, 'extras' | 'dependency_groups'>, string>> & {
  extras?: string[];
  dependency_groups?: string[];
};

export interface ParsedRequirement {
  name: string;
  nameSpan: Span;
  extras: string[];
  extrasSpan?: Span;
  /** Normalized specifier text ('' when none), e.g. '>=1.0,<2'. */
  specifier: string;
  specifierSpan?: Span;
  url: string | null;
  urlSpan?: Span;
  marker: Marker | null;
  markerSpan?: Span;
}
