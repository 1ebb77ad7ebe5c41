/**
 * A bounded memo for pure functions of one string (version parsing, constraint translation):
 * editors re-analyse the same text on every keystroke, so the same strings come back again and
 * again. Oldest entries are dropped first (a Map keeps insertion order). Cached results are shared:
 * callers must treat them as read-only.
 */
export function memoizeString<T>(compute: (text: string) => T, limit = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    if (cache.has(text)) return cache.get(text) as T;
    const result = compute(text);
    if (cache.size >= limit) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(text, result);
    return result;
  };
}
