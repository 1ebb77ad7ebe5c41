/**
 * The hover of a requires-python line (or Poetry's `python`, a lock's `requires-python` /
 * `python-versions`): the Pythons it allows in words, its PEP 440 form when written as a Poetry
 * constraint, the lowest allowed (the Python resolvers pick versions for) and which current CPython
 * releases it admits, those past their end of life marked.
 */
import { isLockfileKind, type FileKind } from '../core/model';
import type { PythonDeclaration } from '../core/python-declarations';
import { admittedReleases, CPYTHON_RELEASES, describePythonRange, lowestAllowedPython, type ReleaseAdmission } from '../core/python-releases';
import { code, escapeMarkdown, row } from './markdown';


/** `today`: `YYYY-MM-DD`, for the end-of-life marks. */
export function pythonHoverMarkdown(declaration: PythonDeclaration, kind: FileKind, today: string): string {
  const tool = declaration.poetry ? ' (Poetry)' : '';
  // Keys are letters, digits, `_`, `.` and `-` (python-declarations.ts): nothing to escape.
  const title = `**${declaration.key}** ${code(declaration.written)}${tool}`;
  const words = describePythonRange(declaration.specifier);
  if (words === null) return `${title}\n\nNot a valid version range.`;
  // Words start with "Python" or "any": only versions written with `===` can hold Markdown.
  const text = /^[\w .,;:-]*$/.test(words) ? words : escapeMarkdown(words);
  const sentence = isLockfileKind(kind) ? `${text}: the Pythons this lock was resolved for.` : `${text}.`;
  const rows: string[] = [];
  if (declaration.poetry && declaration.specifier !== declaration.written.trim()) rows.push(row('PEP 440', declaration.specifier ? code(declaration.specifier) : 'any version'));
  const lowest = lowestAllowedPython(declaration.specifier);
  rows.push(row('Lowest allowed', lowest ? `${code(lowest)} (what resolvers pick versions for)` : 'no lower bound'));
  const releases = admittedReleases(declaration.specifier, today) ?? [];
  const admitted = releases.filter((release) => release.admits !== 'none');
  const excluded = releases.filter((release) => release.admits === 'none');
  rows.push(row('CPython admitted', admitted.length > 0 ? admitted.map(releaseText).join(', ') : `none of ${CPYTHON_RELEASES[0].version}–${CPYTHON_RELEASES.at(-1)!.version}`));
  if (excluded.length > 0) rows.push(row('Not admitted', excluded.map(releaseText).join(', ')));
  return [title, sentence, rows.join('\n')].join('\n\n');
}

function releaseText({ release, admits, endOfLife }: ReleaseAdmission): string {
  const notes = [admits === 'some' ? 'some patch releases' : null, endOfLife ? `end of life since ${release.endOfLife}` : null].filter((note) => note !== null);
  return `${code(release.version)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
