/**
 * Trimming a set of characters off the ends of a text, in one pass. `text.replace(/\/+$/, '')`
 * looks linear but is not: the engine tries the pattern at every '/' of each run and scans the run
 * from there (a long run of slashes that is not at the end costs its length squared); these walk
 * from the end instead.
 */
export function trimTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function trimLeading(text: string, characters: string): string {
  let start = 0;
  while (start < text.length && characters.includes(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}

export function trimCharacters(text: string, characters: string): string {
  return trimTrailing(trimLeading(text, characters), characters);
}
