/**
 * uv.lock `[package.metadata]` and extras that name the project itself (`all = ["example[csv]"]`):
 * the requirements of a project in the form uv records them, as written or flattened. Used by the
 * lock-stale check (lock-stale.ts).
 */
import type { LockedPackage, Requirement } from '../model';
import { normalizeExtra, normalizeName } from '../names';

/** One requirement as uv records it in `[package.metadata]`, and the declaration it comes from. */
export interface RecordedForm {
  list: string;
  name: string;
  extras: readonly string[];
  specifier: string;
  marker: string | null;
  /** The declaration whose text the entry reproduces (for a flattened entry: the extra's requirement). */
  requirement: Requirement;
  /** A flattened entry: the self-reference (`example[csv]`) that brought it in. */
  via?: Requirement;
}

/**
 * uv records a project's requirements as written, self-references included
 * (`{ name = "example", extras = ["csv"], marker = "extra == 'all'" }`). For a project whose
 * version is dynamic (the lock gives it none) the metadata comes from the build backend, which may
 * flatten the self-references; uv accepts that form too. It is the form to compare with when the
 * lock records no self-reference with extras while the pyproject declares one.
 */
export function recordsFlattenedSelfExtras(project: LockedPackage, self: string, forms: readonly RecordedForm[]): boolean {
  if (project.version !== '') return false;
  const isSelfWithExtras = (name: string, extras: readonly string[] | undefined) => normalizeName(name) === self && (extras ?? []).length > 0;
  return forms.some((form) => form.list === 'dist' && isSelfWithExtras(form.name, form.extras)) && !project.metadata!.requiresDist.some((edge) => isSelfWithExtras(edge.name, edge.extras));
}

/**
 * The `dist` requirements with the self-references flattened, as uv's FlatRequiresDist does: each
 * `example[csv]` (under its marker M, which includes the `extra == 'all'` it is declared in) brings
 * in the requirements of extra csv with M and their own marker, recursively (a self-extra reached
 * again under the same marker is not expanded twice, so cycles end). Self-references are then
 * dropped, except that one with a version specifier or a source of its own (a URL, or
 * `[tool.uv.sources] example = { workspace = true }`) stays as a requirement on the project
 * itself, without extras.
 */
export function flattenSelfExtras(forms: RecordedForm[], self: string, truths: (marker: string | null) => string, selfHasSource: boolean): RecordedForm[] {
  const dist = forms.filter((form) => form.list === 'dist');
  const isSelf = (form: RecordedForm) => normalizeName(form.name) === self;
  const byExtra = new Map<string, RecordedForm[]>();
  for (const form of dist) {
    if (!form.requirement.group.startsWith('extra:')) continue;
    const extra = normalizeExtra(form.requirement.group.slice('extra:'.length));
    byExtra.set(extra, [...(byExtra.get(extra) ?? []), form]);
  }
  const flattened = [...dist];
  const queue = dist.filter(isSelf).flatMap((form) => form.extras.map((extra) => ({ extra: normalizeExtra(extra), marker: form.marker, via: form.requirement })));
  const seen = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const seenKey = `${next.extra}|${truths(next.marker)}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    for (const form of byExtra.get(next.extra) ?? []) {
      const marker = andMarkers(next.marker, form.requirement.marker);
      const entry: RecordedForm = { ...form, marker, via: next.via };
      if (isSelf(form)) queue.push(...form.extras.map((extra) => ({ extra: normalizeExtra(extra), marker, via: form.requirement })));
      flattened.push(entry);
    }
  }
  const selfConstraints = flattened
    .filter((form) => isSelf(form) && (form.specifier !== '' || form.requirement.url !== null || selfHasSource))
    .map((form) => ({ ...form, extras: [] }));
  return [...forms.filter((form) => form.list !== 'dist'), ...flattened.filter((form) => !isSelf(form)), ...selfConstraints];
}

function andMarkers(a: string | null, b: string | null): string | null {
  if (!a || !b) return a || b;
  return `(${a}) and (${b})`;
}
