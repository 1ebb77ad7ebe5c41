/** A marker expression on its own (e.g. a lock file's `marker = "..."` value). */
import { readMarker } from './marker-parser';
import { Scanner, SyntaxFailure } from './scanner';
import type { Marker, RequirementError } from './types';

/** Parses a whole marker expression. Never throws; on an error `value` is null. */
export function parseMarker(text: string): { value: Marker | null; errors: RequirementError[] } {
  const scanner: Scanner = new Scanner(text);
  try {
    const marker = readMarker(scanner);
    if (!scanner.atEnd()) scanner.fail('Expected end of marker expression');
    return { value: marker, errors: [] };
  } catch (failure) {
    if (!(failure instanceof SyntaxFailure)) throw failure;
    return { value: null, errors: [failure.error] };
  }
}
