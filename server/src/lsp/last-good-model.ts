/**
 * The last good model of an open TOML document (pyproject.toml, a TOML lockfile). While the text
 * does not parse, the recovered model is partial: comparing it with the lock, looking for
 * contradictions across it or building the dependency tree from it would report (and advise lock
 * commands for) what is merely unread. So while a document is broken:
 *   - its own diagnostics are the syntax errors and the per-requirement findings of the recovered
 *     model, plus the lock and contradiction findings of the last text that parsed, mapped into
 *     the current text (those touching the edited region are dropped);
 *   - every other reader (sibling analyses, the dependency tree, hovers) sees the last text that
 *     parsed (DocumentAnalyses.readableText).
 */
import type { DocumentAnalysis } from '../core/analyze';
import { parseLockfile } from '../core/checks/lock-sibling';
import { parseTomlDocument } from '../core/formats/pyproject/toml-document';
import { hasTomlSyntaxErrors } from '../core/formats/toml/toml-findings';
import type { FileKind, Finding, FixData } from '../core/model';
import type { Span } from '../core/span';

/** Findings that need the whole model: taken from the last good analysis while the text is broken. */
const WHOLE_MODEL_CODES: ReadonlySet<string> = new Set(['lock-mismatch', 'lock-missing', 'lock-stale', 'lock-conflict', 'contradictory-requirements']);

export interface LastGoodModel {
  version: number;
  text: string;
  /** Its analysis; null after an invalidation (recomputed from `text` when needed). */
  analysis: DocumentAnalysis | null;
}

export function isTomlKind(kind: FileKind | null): boolean {
  return kind === 'pyproject' || kind === 'poetry-lock' || kind === 'uv-lock' || kind === 'pdm-lock' || kind === 'pylock';
}

/** True when the analysed text was invalid TOML (its model is recovered, so partial). */
export function isSyntaxDamaged(analysis: DocumentAnalysis | null): boolean {
  return analysis !== null && hasTomlSyntaxErrors(analysis.file.errors);
}

/** Whether a TOML document's text parses (without analysing it: other files' analyses ask this). */
export function tomlTextParses(path: string, text: string, kind: FileKind | null): boolean {
  if (kind === 'pyproject') return parseTomlDocument(text).errors.length === 0;
  if (!isTomlKind(kind)) return true;
  // Memoized by text: the analysis that follows reuses it.
  const parsed = parseLockfile(path, text);
  return parsed === null || !hasTomlSyntaxErrors(parsed.errors);
}

/**
 * `current` (of a text that does not parse) with its whole-model findings replaced by those of the
 * last good analysis, mapped from `goodText` into `currentText`.
 */
export function withLastGoodFindings(current: DocumentAnalysis, currentText: string, good: DocumentAnalysis, goodText: string): DocumentAnalysis {
  const edit = singleEdit(goodText, currentText);
  const carried: Finding[] = [];
  for (const finding of good.findings) {
    if (!WHOLE_MODEL_CODES.has(finding.code)) continue;
    const mapped = mapFinding(finding, edit);
    if (mapped) carried.push(mapped);
  }
  const findings = [...current.findings.filter((finding) => !WHOLE_MODEL_CODES.has(finding.code)), ...carried];
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { ...current, findings, dependencies: [...new Set([...current.dependencies, ...good.dependencies])] };
}

/** The region where two texts differ: the same before `start`, and after `oldEnd` / `newEnd`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function singleEdit(oldText: string, newText: string): TextEdit {
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** A span of the old text in the new one; null when it touches the edited region. */
export function mapSpan(span: Span, edit: TextEdit): Span | null {
  if (span.end <= edit.start) return span;
  if (span.start >= edit.oldEnd) {
    const shift = edit.newEnd - edit.oldEnd;
    return { start: span.start + shift, end: span.end + shift };
  }
  return null;
}

function mapFinding(finding: Finding, edit: TextEdit): Finding | null {
  const span = mapSpan(finding.span, edit);
  if (!span) return null;
  const mapped: Finding = { ...finding, span };
  if (finding.related) {
    mapped.related = finding.related.flatMap((related) => {
      if (related.path !== undefined) return [related];
      const relatedSpan = mapSpan(related.span, edit);
      return relatedSpan ? [{ ...related, span: relatedSpan }] : [];
    });
  }
  if (finding.data !== undefined) {
    const data = (Array.isArray(finding.data) ? finding.data : [finding.data]).map((fix) => mapFix(fix, edit));
    if (data.some((fix) => fix === null)) delete mapped.data;
    else mapped.data = Array.isArray(finding.data) ? (data as FixData[]) : (data[0] as FixData);
  }
  return mapped;
}

function mapFix(fix: FixData, edit: TextEdit): FixData | null {
  if (fix.fix === 'edits') {
    const edits = fix.edits.map((item) => {
      const span = mapSpan(item.span, edit);
      return span ? { ...item, span } : null;
    });
    return edits.some((item) => item === null) ? null : { ...fix, edits: edits as { span: Span; newText: string }[] };
  }
  const span = mapSpan(fix.span, edit);
  return span ? { ...fix, span } : null;
}
