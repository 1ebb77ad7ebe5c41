/** Related-information entries that point into a lockfile. */
import type { ParsedFile, RelatedLocation } from '../model';
import type { Span } from '../span';

export function lockRelated(lock: ParsedFile, span: Span | undefined, message: string): RelatedLocation {
  return { path: lock.path, span: span ?? { start: 0, end: 0 }, message };
}
