import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import type { ParsedFile, Requirement } from '../../../server/src/core/model';
import type { Span } from '../../../server/src/core/span';

export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/pyproject/${name}`, import.meta.url)), 'utf8');
}

export function parseFixture(name: string): { text: string; file: ParsedFile } {
  const text = readFixture(name);
  return { text, file: parsePyproject(text, `/project/${name}`) };
}

export function slice(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

/** A compact, comparable view of a requirement: what it is and the text its spans cover. */
export function describeRequirement(text: string, requirement: Requirement) {
  return {
    group: requirement.group,
    name: requirement.name,
    specifier: requirement.specifier,
    constraint: requirement.constraint,
    marker: requirement.marker,
    url: requirement.url,
    index: requirement.index,
    nameText: slice(text, requirement.spans.name),
    specifierText: slice(text, requirement.spans.specifier),
  };
}

/** The line of text a span starts on (to check which include a finding points at). */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}
