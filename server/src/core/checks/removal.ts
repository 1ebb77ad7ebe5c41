/**
 * The smallest edit that removes a requirement and leaves a valid file: the whole line when the
 * requirement is alone on it (its own comment goes with it), otherwise just the element and its
 * separating comma, keeping every other character of the line.
 */
import type { Requirement } from '../model';
import type { Span } from '../span';

function lineBounds(text: string, offset: number): Span {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n') end++;
  return { start, end: end < text.length ? end + 1 : end };
}

/** Extends a TOML string's contents span to include its quotes ('', "", ''' ''' and """ """). */
function withQuotes(text: string, contents: Span): Span {
  for (const quote of ['"""', "'''", '"', "'"]) {
    if (text.startsWith(quote, contents.start - quote.length) && text.startsWith(quote, contents.end)) {
      return { start: contents.start - quote.length, end: contents.end + quote.length };
    }
  }
  return contents;
}

/** The line (with continuation lines) that holds `offset`, including its line break. */
function logicalLine(text: string, offset: number): Span {
  const line = lineBounds(text, offset);
  let end = line.end;
  while (/\\\r?\n$/.test(text.slice(line.start, end)) && end < text.length) end = lineBounds(text, end).end;
  return { start: line.start, end };
}

export function removalSpan(text: string, requirement: Requirement, wholeLine = false): Span {
  if (wholeLine) return logicalLine(text, requirement.spans.whole.start);
  const element = withQuotes(text, requirement.spans.whole);
  let end = element.end;
  // Include a following comma (array element) and the spaces before it.
  let probe = end;
  while (text[probe] === ' ' || text[probe] === '\t') probe++;
  if (text[probe] === ',') end = probe + 1;
  const line = lineBounds(text, element.start);
  const before = text.slice(line.start, element.start);
  let rest = end;
  while (text[rest] === ' ' || text[rest] === '\t') rest++;
  const after = text.slice(rest, line.end).replace(/\r?\n$/, '');
  const aloneOnLine = before.trim() === '' && (after === '' || after.startsWith('#'));
  if (aloneOnLine) return line;
  // Not alone: if there was no following comma, take the preceding one so `[a, b]` → `[a]`.
  if (end === element.end) {
    let back = element.start;
    while (back > line.start && (text[back - 1] === ' ' || text[back - 1] === '\t')) back--;
    if (text[back - 1] === ',') return { start: back - 1, end: element.end };
    return element;
  }
  return { start: element.start, end: rest < line.end && after !== '' && !after.startsWith('#') ? rest : end };
}
