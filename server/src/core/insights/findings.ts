/**
 * Findings from index data (pure): what the indexes say about each requirement of a document.
 *
 *   unknown-package           (warning)  no configured index has the project; suggests near names.
 *                                        Also for the PLACEHOLDER_PROJECTS the index does have
 *                                        (PyPI's `sklearn` 0.0.post12 "use scikit-learn instead",
 *                                        `pytorch` that fails to install)
 *   no-matching-version       (error)    no release satisfies the specifier; names the nearest ones
 *   yanked-version            (warning)  an exact pin to a yanked release (PEP 592), with the reason
 *   requires-python-mismatch  (warning)  no release the specifier allows supports the project's
 *                                        lowest Python (see build-insight.ts)
 *   outdated                  (hint/information/off) the newest stable release (the newest for the
 *                                        project's Python when it declares one) is not allowed
 *   index-unreachable         (information) once per index per document, at the first requirement
 *                                        that uses it; offline mode is not a failure
 *
 * Each finding carries its quick fixes in `data` (stateless fixes), preferred first.
 */
import type { Finding, FixData, ParsedFile, Requirement, Severity } from '../model';
import { compareVersions, parseSpecifierAlternatives, parseSpecifierSet } from '../pep440';
import { exactPinVersion, releaseSupportsProjectPython, requirementLowestPython, satisfies } from './build-insight';
import { isPoetryRequirement, pinExactlyEdit, updateAllEdits, updateToVersionEdit, type TextEdit } from './edits';
import { PACKAGE_ALIASES, PLACEHOLDER_PROJECTS } from './popular-packages';
import type { InsightMap, PackageInsight, ReleaseSummary } from './types';

export interface InsightFindingOptions {
  outdated: 'hint' | 'information' | 'off';
  /** Locked version per normalized name, from a lockfile beside the manifest. */
  lockedVersions?: ReadonlyMap<string, string>;
}

interface Context {
  file: ParsedFile;
  text: string;
  options: InsightFindingOptions;
}

/**
 * The lowest Python the requirement is installed on: the project's requires-python intersected
 * with the requirement's python_version / python_full_version marker (build-insight.ts).
 */
function lowestFor(requirement: Requirement, context: Context): string | null {
  return requirementLowestPython(context.file.requiresPython?.specifier ?? null, requirement.marker);
}

function indexLabel(index: { name: string | null; url: string } | null): string {
  if (!index) return 'the configured indexes';
  return index.name ? `${index.name} (${index.url})` : index.url;
}

function replaceFix(edit: TextEdit | null, title: string): FixData | null {
  return edit && { fix: 'replace', span: edit.span, newText: edit.newText, title };
}

/** Fixes without duplicates (two fixes making the same edit keep the first). */
function distinctFixes(fixes: (FixData | null)[]): FixData[] | undefined {
  const kept: FixData[] = [];
  for (const fix of fixes) {
    if (!fix) continue;
    const same = kept.some((other) => other.fix === 'replace' && fix.fix === 'replace' && other.newText === fix.newText && other.span.start === fix.span.start && other.span.end === fix.span.end);
    if (!same) kept.push(fix);
  }
  return kept.length > 0 ? kept : undefined;
}

function updateFix(requirement: Requirement, text: string, version: string): FixData | null {
  const edit = updateToVersionEdit(requirement, text, version);
  return replaceFix(edit, `Update ${requirement.name} to ${edit?.newText.trim()}`);
}

function pinFix(requirement: Requirement, text: string, version: string, why = ''): FixData | null {
  return replaceFix(pinExactlyEdit(requirement, text, version), `Pin ${requirement.name} to ${version}${why}`);
}

function lockedFix(requirement: Requirement, context: Context, insight: PackageInsight): FixData | null {
  const locked = context.options.lockedVersions?.get(requirement.normalizedName);
  if (!locked) return null;
  const pin = exactPinVersion(requirement.specifier);
  if (pin && compareVersions(pin, locked) === 0) return null;
  if (insight.versions.find((release) => compareVersions(release.version, locked) === 0)?.yanked) return null;
  return pinFix(requirement, context.text, locked, ' (the locked version)');
}

/** Installable releases the specifier allows (pre-releases included), plus an exact pin's yanked release. */
function allowedReleases(requirement: Requirement, insight: PackageInsight): ReleaseSummary[] | null {
  const sets = parseSpecifierAlternatives(requirement.specifier);
  if (!sets) return null;
  const allowed = insight.versions.filter((release) => !release.yanked && !release.withoutFiles && satisfies(sets, release.version, true));
  if (insight.pinned?.yanked) allowed.push(insight.pinned);
  return allowed;
}

/** The newest release below and the oldest above the first version the specifier names. */
function nearestReleases(requirement: Requirement, insight: PackageInsight): string[] {
  const mentioned = parseSpecifierSet(requirement.specifier.split(' || ')[0]).value?.specifiers[0]?.version.replace(/\.\*$/, '');
  const available = insight.versions.filter((release) => !release.yanked && !release.withoutFiles).map((release) => release.version);
  if (!mentioned) return available.slice(0, 2);
  const below = available.find((version) => compareVersions(version, mentioned) < 0);
  const above = [...available].reverse().find((version) => compareVersions(version, mentioned) > 0);
  return [below, above].filter((version): version is string => version !== undefined);
}

/** The version `outdated` and the update fixes aim at. */
function targetRelease(requirement: Requirement, insight: PackageInsight, context: Context): ReleaseSummary | null {
  return (lowestFor(requirement, context) ? insight.newestForPython : null) ?? insight.latestStable;
}

function isOutdated(requirement: Requirement, insight: PackageInsight, context: Context): ReleaseSummary | null {
  const target = targetRelease(requirement, insight, context);
  const sets = parseSpecifierAlternatives(requirement.specifier);
  if (!target || !sets || requirement.specifier === '' || satisfies(sets, target.version, true)) return null;
  const newestAllowed = insight.newestSatisfying ?? (insight.pinned?.yanked ? insight.pinned : null);
  return newestAllowed && compareVersions(newestAllowed.version, target.version) < 0 ? target : null;
}

function versionFindings(requirement: Requirement, insight: PackageInsight, context: Context, updateAll: FixData | null): Finding[] {
  const { text } = context;
  const span = requirement.spans.specifier ?? requirement.spans.name;
  const base = { span, package: requirement.normalizedName };
  const target = targetRelease(requirement, insight, context);
  const lowest = lowestFor(requirement, context);
  const where = indexLabel(insight.answeredBy);
  if (insight.pinned?.yanked) {
    const reason = insight.pinned.yankedReason ? `: ${insight.pinned.yankedReason}` : ' (no reason given)';
    return [{
      ...base,
      code: 'yanked-version',
      severity: 'warning',
      message: `${requirement.name} ${insight.pinned.version} was yanked from ${where}${reason}.${target ? ` The newest release is ${target.version}.` : ''}`,
      data: distinctFixes([target && updateFix(requirement, text, target.version), lockedFix(requirement, context, insight)]),
    }];
  }
  const allowed = allowedReleases(requirement, insight);
  if (!allowed) return [];
  if (requirement.specifier !== '' && allowed.length === 0) {
    const nearest = nearestReleases(requirement, insight);
    return [{
      ...base,
      code: 'no-matching-version',
      severity: 'error',
      message: `No release of ${requirement.name} on ${where} matches ${requirement.constraint || requirement.specifier}.${nearest.length ? ` Nearest: ${nearest.join(', ')}.` : ''}`,
      data: distinctFixes([...nearest.map((version) => updateFix(requirement, text, version) ?? pinFix(requirement, text, version)), lockedFix(requirement, context, insight)]),
    }];
  }
  if (lowest && allowed.length > 0 && !allowed.some((release) => releaseSupportsProjectPython(release, lowest))) {
    return [pythonMismatchFinding(requirement, insight, context, allowed, lowest)];
  }
  const outdatedTarget = context.options.outdated === 'off' ? null : isOutdated(requirement, insight, context);
  if (!outdatedTarget) return [];
  const severity: Severity = context.options.outdated === 'information' ? 'information' : 'hint';
  return [{
    ...base,
    code: 'outdated',
    severity,
    message: `${requirement.name} ${outdatedTarget.version} is available${lowest ? ` for Python ${lowest}` : ''}; ${requirement.constraint || requirement.specifier} does not allow it.`,
    data: distinctFixes([
      updateFix(requirement, text, outdatedTarget.version),
      pinFix(requirement, text, outdatedTarget.version),
      lockedFix(requirement, context, insight),
      updateAll,
    ]),
  }];
}

function newestOf(releases: ReleaseSummary[]): ReleaseSummary {
  return releases.reduce((best, release) => (compareVersions(release.version, best.version) > 0 ? release : best));
}

/**
 * No release the specifier allows supports the lowest Python the requirement is installed on.
 * The message names the newest stable allowed release (a pre-release only when nothing stable is
 * allowed). The fix moves to the newest release supporting that Python: an update keeping the
 * user's style when it is newer than everything allowed; when it is older (the usual case: the
 * new releases dropped an old Python), only an exact pin worded as the downgrade it is.
 */
function pythonMismatchFinding(requirement: Requirement, insight: PackageInsight, context: Context, allowed: ReleaseSummary[], lowest: string): Finding {
  const stable = allowed.filter((release) => !release.prerelease);
  const newestAllowed = newestOf(stable.length > 0 ? stable : allowed);
  const forPython = insight.newestForPython;
  const upgrade = forPython && compareVersions(forPython.version, newestOf(allowed).version) > 0;
  const fix = !forPython
    ? null
    : upgrade
      ? (updateFix(requirement, context.text, forPython.version) ?? pinFix(requirement, context.text, forPython.version))
      : pinFix(requirement, context.text, forPython.version, ` (downgrade: the newest release supporting Python ${lowest})`);
  return {
    span: requirement.spans.specifier ?? requirement.spans.name,
    package: requirement.normalizedName,
    code: 'requires-python-mismatch',
    severity: 'warning',
    message: `No release of ${requirement.name} allowed by ${requirement.constraint || requirement.specifier} supports Python ${lowest} (requires-python ${context.file.requiresPython?.specifier}${requirement.marker ? ` and marker ${requirement.marker}` : ''}): ${newestAllowed.version} requires Python ${newestAllowed.requiresPython}.${forPython ? ` The newest release that does is ${forPython.version}.` : ''}`,
    data: distinctFixes([fix]),
  };
}

/**
 * A famous wrong name that the index has as a placeholder: report it as not the real package. The
 * fix renames it and drops a version written right after the name (`sklearn==0.0.post12`): that
 * version is the placeholder's, not the real project's.
 */
function placeholderFinding(requirement: Requirement, target: string, text: string): Finding {
  const { name, specifier } = requirement.spans;
  const inlineSpecifier = specifier !== undefined && specifier.start >= name.end && !isPoetryRequirement(requirement, text);
  const span = inlineSpecifier ? { start: name.start, end: specifier.end } : name;
  const extras = inlineSpecifier && requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  return {
    code: 'unknown-package',
    severity: 'warning',
    message: `${requirement.name} is not the real package: install ${target}`,
    span: name,
    package: requirement.normalizedName,
    data: [{ fix: 'replace', span, newText: `${target}${extras}`, title: `Change to ${target}` }],
  };
}

function unknownPackageFinding(requirement: Requirement, insight: PackageInsight): Finding {
  const suggestions = insight.suggestions.filter((name) => name !== requirement.normalizedName);
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : '';
  return {
    code: 'unknown-package',
    severity: 'warning',
    message: `${insight.problem ?? `${requirement.name} is not on any configured index`}.${hint}`,
    span: requirement.spans.name,
    package: requirement.normalizedName,
    data: distinctFixes(suggestions.map((name) => ({ fix: 'replace', span: requirement.spans.name, newText: name, title: `Change to ${name}` }) as FixData)),
  };
}

/** The update-all fix of the document: offered on every outdated requirement when there are several. */
function updateAllFix(file: ParsedFile, text: string, insights: InsightMap, context: Context): FixData | null {
  if (context.options.outdated === 'off') return null;
  const targets = new Map<Requirement, string>();
  for (const requirement of file.requirements) {
    const insight = insights.get(requirement);
    const target = insight?.status === 'found' && !insight.pinned?.yanked ? isOutdated(requirement, insight, context) : null;
    if (target) targets.set(requirement, target.version);
  }
  const edits = updateAllEdits(file, text, targets);
  return edits.length >= 2 ? { fix: 'edits', edits, title: `Update all ${edits.length} outdated requirements in this file` } : null;
}

export function insightFindings(file: ParsedFile, text: string, insights: InsightMap, options: InsightFindingOptions): Finding[] {
  const context: Context = { file, text, options };
  const updateAll = updateAllFix(file, text, insights, context);
  const findings: Finding[] = [];
  const reportedIndexes = new Set<string>();
  const inOrder = [...file.requirements].sort((a, b) => a.spans.whole.start - b.spans.whole.start);
  for (const requirement of inOrder) {
    const insight = insights.get(requirement);
    if (!insight) continue;
    for (const failure of insight.failedIndexes) {
      if (failure.kind === 'offline' || reportedIndexes.has(failure.index.url)) continue;
      reportedIndexes.add(failure.index.url);
      findings.push({
        code: 'index-unreachable',
        severity: 'information',
        message: `Could not read ${indexLabel(failure.index)}: ${failure.message}. Index checks of the packages it serves are incomplete.`,
        span: requirement.spans.name,
        package: requirement.normalizedName,
      });
    }
    const alias = PACKAGE_ALIASES.get(requirement.normalizedName);
    if (insight.status === 'not-found') findings.push(unknownPackageFinding(requirement, insight));
    else if (insight.status === 'found' && alias && PLACEHOLDER_PROJECTS.has(requirement.normalizedName)) findings.push(placeholderFinding(requirement, alias, text));
    else if (insight.status === 'found') findings.push(...versionFindings(requirement, insight, context, updateAll));
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
