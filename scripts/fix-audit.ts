/**
 * Every code action the language server would offer on one file, applied and checked: the file is
 * analysed as the server does, then index answers are made up for its requirements (no index is
 * contacted: newer releases, a yanked pin, releases for another Python, nothing matching, unknown
 * names suggesting the file's other names) so that every kind of fix appears. For every diagnostic
 * and every requirement line the code actions are assembled by the server's own code
 * (lsp/code-actions.ts); each action's edits are applied as an editor applies them (LSP ranges),
 * the result is parsed again, and any new parse error or duplicated requirement is a failure.
 * Used by scripts/check-corpus-fixes.ts and the fixture test of code actions.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import { analyzeDocument } from '../server/src/core/analyze';
import { detectKind } from '../server/src/core/detect';
import type { FileSource } from '../server/src/core/file-source';
import { newProblems } from '../server/src/core/fix-check';
import type { ProjectRelease } from '../server/src/core/indexes';
import { emptyInsight, exactPinVersion, insightFromProject } from '../server/src/core/insights/build-insight';
import { insightFindings } from '../server/src/core/insights/findings';
import { suggestPackageNames } from '../server/src/core/insights/suggestions';
import type { InsightMap, PackageInsight } from '../server/src/core/insights/types';
import type { FileKind, Requirement } from '../server/src/core/model';
import { parseDocument } from '../server/src/core/parse';
import { compareVersions, isPrerelease, parseSpecifierSet } from '../server/src/core/pep440';
import { assembleCodeActions, documentFixes, type CodeActionInputs } from '../server/src/lsp/code-actions';
import type { CachedAnalysis } from '../server/src/lsp/document-analyses';
import { LineIndex } from '../server/src/lsp/positions';
import { findingsToDiagnostics } from '../server/src/lsp/to-diagnostics';

/**
 * What the made-up index says about a requirement, in turn down the file (the first requirement
 * gets the first answer, the second the next, ...): a newer release (update, pin, pin to the
 * locked version, update all), a yanked exact pin, newest releases for another Python, no
 * matching release, an unknown name whose suggestions include the file's next requirement.
 */
const SCENARIOS = ['newer', 'yanked', 'other-python', 'nothing-matches', 'unknown'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** Rotations after which every requirement has had every kind of answer. */
export const EVERY_ANSWER = SCENARIOS.length;

export interface FileAudit {
  path: string;
  diagnostics: number;
  /** Code action requests made (per diagnostic, per requirement line, the source action). */
  requests: number;
  /** Distinct actions applied and checked. */
  applied: number;
  /** Fixes the server's own check refused to offer. */
  rejected: number;
  /** Applied actions that left a new parse error or duplicate (or that crashed). */
  failures: string[];
}

/** The kind of a fixture or example file: from its name, else from its content (`*.toml` manifests with other names). */
export function auditKind(path: string, text: string): FileKind | null {
  const detected = detectKind(path);
  if (detected) return detected;
  if (/\.toml$/.test(path) && /^\s*\[(project|tool\.poetry|build-system)[\].]/m.test(text)) return 'pyproject';
  if (/\.(txt|in)$/.test(path)) return 'requirements';
  return null;
}

/**
 * `rotations`: how many times the made-up answers are dealt out, shifted by one requirement each
 * time (up to one per kind of answer, when every requirement gets every kind of answer).
 */
export function auditFixes(path: string, text: string, kind: FileKind, files: FileSource, rotations = 1): FileAudit {
  const audit: FileAudit = { path, diagnostics: 0, requests: 0, applied: 0, rejected: 0, failures: [] };
  const analysis = analyzeDocument(path, text, files, kind);
  const before = parseDocument(path, text, kind);
  if (!analysis || !before) return audit;
  const cached: CachedAnalysis = {
    uri: `file://${path}`,
    version: 1,
    resultId: '1',
    path,
    text,
    lines: new LineIndex(text),
    analysis,
    dependencyKeys: new Set(),
  };
  const readFile = (other: string) => files.read(other);
  const seen = new Set<string>();
  const document = TextDocument.create(cached.uri, 'plaintext', 1, text);
  for (let shift = 0; shift < Math.min(rotations, SCENARIOS.length); shift++) {
    const insights = madeUpInsights(analysis.file.requirements, shift, analysis.file.requiresPython?.specifier ?? null);
    const lockedVersions = new Map(analysis.file.requirements.map((requirement) => [requirement.normalizedName, '0.1']));
    const findings = [...analysis.findings, ...insightFindings(analysis.file, text, insights, { outdated: 'hint', lockedVersions })];
    const diagnostics = findingsToDiagnostics(findings, cached, readFile);
    const fileFixes = documentFixes(findings, text.length);
    const inputs: CodeActionInputs = {
      cached,
      currentDiagnostics: () => diagnostics,
      insights: () => insights,
      lockedVersions: () => lockedVersions,
      documentFixes: () => fileFixes,
    };
    audit.diagnostics += diagnostics.length;
    // On each diagnostic; at the name of each requirement with the diagnostics of its lines; the source action.
    const requests: { range: Range; diagnostics: Diagnostic[]; only?: string[] }[] = diagnostics.map((diagnostic) => ({ range: diagnostic.range, diagnostics: [diagnostic] }));
    for (const requirement of analysis.file.requirements) {
      const range = cached.lines.rangeOf(requirement.spans.whole);
      const lines = { start: { line: range.start.line, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
      const cursor = cached.lines.rangeOf({ start: requirement.spans.name.start, end: requirement.spans.name.start });
      requests.push({ range: cursor, diagnostics: diagnostics.filter((diagnostic) => overlaps(diagnostic.range, lines)) });
    }
    requests.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], only: ['source'] });
    for (const request of requests) {
      audit.requests += 1;
      let assembled;
      try {
        assembled = assembleCodeActions(inputs, request);
      } catch (error) {
        audit.failures.push(`${path}: assembling code actions crashed: ${(error as Error).stack ?? error}`);
        continue;
      }
      audit.rejected += assembled.rejected.length;
      for (const action of assembled.actions) {
        const edits = action.edit?.changes?.[cached.uri] ?? [];
        const key = JSON.stringify(edits);
        if (seen.has(key)) continue;
        seen.add(key);
        audit.applied += 1;
        const problem = problemOf(action, edits, document, path, kind, before);
        if (problem) audit.failures.push(`${path}: "${action.title}": ${problem}`);
      }
    }
  }
  return audit;
}

function problemOf(action: CodeAction, edits: TextEdit[], document: TextDocument, path: string, kind: FileKind, before: NonNullable<ReturnType<typeof parseDocument>>): string | null {
  if (edits.length === 0) return 'the action has no edit';
  try {
    const after = parseDocument(path, TextDocument.applyEdits(document, edits), kind);
    if (!after) return 'the edited file cannot be parsed';
    return newProblems(before, after);
  } catch (error) {
    return `applying "${action.title}" crashed: ${(error as Error).stack ?? error}`;
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

function release(version: string, options: { yanked?: boolean; requiresPython?: string | null } = {}): ProjectRelease {
  return {
    version,
    files: [{ filename: `made-up-${version}.tar.gz`, url: `https://index.invalid/files/made-up-${version}.tar.gz`, hashes: {}, kind: 'sdist', version, requiresPython: null, yanked: false, yankedReason: null, coreMetadata: false } as ProjectRelease['files'][number]],
    yanked: options.yanked ?? false,
    yankedReason: options.yanked ? 'made up' : null,
    requiresPython: options.requiresPython ?? null,
    uploadTime: null,
    prerelease: isPrerelease(version),
  };
}

/** The versions a specifier names (without wildcards), e.g. ['1.2', '2'] for `>=1.2,<2`. */
function namedVersions(requirement: Requirement): string[] {
  const sets = requirement.specifier.split(' || ').map((part) => parseSpecifierSet(part).value);
  return [...new Set(sets.flatMap((set) => set?.specifiers.map((specifier) => specifier.version.replace(/\.\*$/, '')) ?? []))];
}

function madeUpInsights(requirements: readonly Requirement[], shift: number, requiresPython: string | null): InsightMap {
  const insights: InsightMap = new Map();
  const asked = requirements.filter((requirement) => requirement.url === null && requirement.normalizedName !== '');
  asked.forEach((requirement, index) => {
    const next = asked.slice(index + 1).find((other) => other.normalizedName !== requirement.normalizedName) ?? asked.find((other) => other.normalizedName !== requirement.normalizedName);
    insights.set(requirement, madeUpInsight(requirement, SCENARIOS[(index + shift) % SCENARIOS.length], requiresPython, next?.normalizedName ?? null));
  });
  return insights;
}

function madeUpInsight(requirement: Requirement, scenario: Scenario, requiresPython: string | null, otherName: string | null): PackageInsight {
  if (scenario === 'unknown') {
    const suggestions = [...new Set([...(otherName ? [otherName] : []), ...suggestPackageNames(requirement.name, [], 2)])];
    return { ...emptyInsight(requirement, 'not-found', null), suggestions };
  }
  const named = namedVersions(requirement).filter((version) => /^\d+(\.\d+)*$/.test(version));
  const major = Math.max(1, ...named.map((version) => Number(version.split('.')[0]) || 0));
  const pin = exactPinVersion(requirement.specifier);
  let releases: ProjectRelease[];
  if (scenario === 'nothing-matches') {
    releases = [release('0.0.1')];
  } else {
    const newest = scenario === 'other-python' ? '>=3.99' : null;
    releases = [
      release('0.1'),
      ...named.map((version) => release(version, { yanked: scenario === 'yanked' && version === pin })),
      release(`${major + 1}.0.0`, { requiresPython: newest }),
      release(`${major + 1}.1.0`, { requiresPython: newest }),
      release(`${major + 2}.0.0rc1`, { requiresPython: newest }),
    ];
  }
  const unique = [...new Map(releases.map((entry) => [entry.version, entry])).values()].sort((a, b) => compareVersions(a.version, b.version));
  const project = { name: requirement.name, normalizedName: requirement.normalizedName, releases: unique, versions: unique.map((entry) => entry.version), format: 'json' as const, apiVersion: '1.1', projectStatus: null };
  return insightFromProject(requirement, { project, answeredBy: [{ name: null, url: 'https://index.invalid/simple/' }] }, requiresPython);
}
