/**
 * Installed-environment budget: scanning a venv of 500 dist-info folders (< 150 ms), generated
 * under bench/.generated/env with realistic METADATA files (a header of a few dozen fields and
 * Requires-Dist lines, then a long description that the scanner must not read).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInstalledEnvironment } from '../server/src/core/checks/installed-conflicts';
import { loadEnvironment, loadEnvironmentSync, locateEnvironment } from '../server/src/env';
import { median, medianTime } from './stats';

const DISTRIBUTIONS = 500;

type Record = (measure: string, value: number, unit: 'ms' | 'MB', budget?: number) => void;

function metadataOf(index: number): string {
  const requires = Array.from({ length: index % 12 }, (_, offset) => `Requires-Dist: package-${(index * 7 + offset * 13) % DISTRIBUTIONS}>=1.${offset % 5}`);
  const extras = Array.from({ length: index % 4 }, (_, offset) => `Requires-Dist: extra-tool-${offset}>=2.0; extra == "dev"`);
  const classifiers = Array.from({ length: 15 }, (_, offset) => `Classifier: Programming Language :: Python :: 3.${offset}`);
  const header = [
    'Metadata-Version: 2.1', `Name: package-${index}`, `Version: ${1 + (index % 9)}.${index % 31}.${index % 7}`,
    `Summary: Generated package number ${index}`, 'Home-page: https://example.invalid/', 'License: MIT',
    'Requires-Python: >=3.8', ...classifiers, ...requires, ...extras, 'Description-Content-Type: text/markdown',
  ];
  return `${header.join('\n')}\n\n${`Package ${index} does useful things. `.repeat(600)}\n`;
}

function generateEnvironment(prefix: string): void {
  rmSync(prefix, { recursive: true, force: true });
  const sitePackages = join(prefix, 'lib/python3.11/site-packages');
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  writeFileSync(join(prefix, 'bin/python3'), '');
  writeFileSync(join(prefix, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n');
  for (let index = 0; index < DISTRIBUTIONS; index++) {
    const folder = join(sitePackages, `package_${index}-1.0.dist-info`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'METADATA'), metadataOf(index));
    writeFileSync(join(folder, 'RECORD'), `package_${index}/__init__.py,,\n`);
    writeFileSync(join(folder, 'INSTALLER'), 'pip\n');
    if (index % 25 === 0) writeFileSync(join(folder, 'direct_url.json'), '{"url": "file:///src/pkg", "dir_info": {"editable": true}}');
  }
}

export async function benchEnvironment(generatedRoot: string, record: Record): Promise<void> {
  const prefix = join(generatedRoot, 'env/venv');
  generateEnvironment(prefix);
  const locate = () => locateEnvironment(prefix, 'cli')!;
  const scanned = loadEnvironmentSync(locate());
  record(`scan venv, ${scanned.distributions.length} dist-info (sync, CLI)`, medianTime(20, 3, () => loadEnvironmentSync(locate())), 'ms', 150);
  const times: number[] = [];
  for (let run = 0; run < 23; run++) {
    const started = performance.now();
    await loadEnvironment(locate());
    if (run >= 3) times.push(performance.now() - started);
  }
  record(`scan venv, ${scanned.distributions.length} dist-info (async, language server)`, median(times), 'ms', 150);
  record(`pip check rules over ${scanned.distributions.length} distributions`, medianTime(20, 3, () => checkInstalledEnvironment(scanned)), 'ms');
}
