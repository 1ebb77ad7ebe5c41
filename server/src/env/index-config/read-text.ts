import { readFileSync } from 'node:fs';

/** Reads a text file; null when it does not exist or cannot be read (config files are optional). */
export type ReadText = (path: string) => string | null;

export const readTextFile: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

export interface ConfigLocations {
  environment: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  readText: ReadText;
}
