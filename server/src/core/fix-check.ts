/**
 * The check every proposed edit passes before it is offered (pure): applied to the text, it must
 * leave a file that the file kind's own parser reads without new errors, and it must not make a
 * requirement appear twice where it already is (same package, extras, source and marker in the
 * same group). Duplicate TOML keys are parse errors, so both checks together also keep Poetry
 * tables free of repeated keys.
 */
import { applyEdits, type TextEdit } from './insights/edits';
import type { FileKind, ParsedFile, Requirement } from './model';
import { normalizeExtra } from './names';
import { parseDocument } from './parse';

interface Shape {
  /** Parse errors by code and message (numbers left out: a line number moves with an edit above it). */
  errors: Map<string, number>;
  /** Requirements by what makes two of them duplicates. */
  requirements: Map<string, number>;
}

function count(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function requirementKey(requirement: Requirement): string {
  const extras = [...new Set(requirement.extras.map(normalizeExtra))].sort().join(',');
  return JSON.stringify([requirement.group, requirement.normalizedName, extras, requirement.url ?? '', requirement.marker ?? '']);
}

function shapeOf(file: ParsedFile): Shape {
  return {
    errors: count(file.errors.map((error) => `${error.code}: ${error.message.replace(/\d+/g, '#')}`)),
    requirements: count(file.requirements.filter((requirement) => requirement.normalizedName !== '').map(requirementKey)),
  };
}

/** What `after` has that `before` did not: new parse errors, or requirements that now appear twice. Null when nothing. */
export function newProblems(before: ParsedFile, after: ParsedFile): string | null {
  const old = shapeOf(before);
  const now = shapeOf(after);
  for (const [error, times] of now.errors) {
    if (times > (old.errors.get(error) ?? 0)) return `the edit leaves an error: ${error}`;
  }
  for (const [key, times] of now.requirements) {
    if (times >= 2 && times > (old.requirements.get(key) ?? 0)) {
      const [group, name] = JSON.parse(key) as string[];
      return `the edit requires ${name} twice in ${group}`;
    }
  }
  return null;
}

/**
 * Checks edits of one text (parsed once, on the first check); the verdict of each distinct set of
 * edits is remembered.
 */
export class FixChecker {
  private before: ParsedFile | null | undefined;
  private readonly verdicts = new Map<string, string | null>();

  constructor(
    private readonly path: string,
    private readonly kind: FileKind | null,
    private readonly text: string,
  ) {}

  /** Null when applying `edits` (non-overlapping) is safe; otherwise why it is not. */
  problem(edits: readonly TextEdit[]): string | null {
    const key = JSON.stringify(edits.map((edit) => [edit.span.start, edit.span.end, edit.newText]));
    let verdict = this.verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.check(edits);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  private check(edits: readonly TextEdit[]): string | null {
    if (this.kind === null) return 'the file kind is not known';
    if (edits.some((edit) => edit.span.start < 0 || edit.span.end > this.text.length || edit.span.start > edit.span.end)) return 'an edit lies outside the text';
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    if (sorted.some((edit, index) => index > 0 && edit.span.start < sorted[index - 1].span.end)) return 'the edits overlap';
    this.before ??= parseDocument(this.path, this.text, this.kind);
    const after = parseDocument(this.path, applyEdits(this.text, edits), this.kind);
    if (!this.before || !after) return 'the file kind is not known';
    return newProblems(this.before, after);
  }
}
