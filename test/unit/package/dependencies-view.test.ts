/**
 * The "Python Dependencies" view has a container of its own in the activity bar (not a pane under
 * the Explorer's Outline and Timeline), with an icon of ours, shown once a project is detected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Manifest {
  contributes: {
    viewsContainers?: { activitybar?: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string; when?: string }[]>;
  };
}

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('the dependencies view container', () => {
  it('is an activity bar container holding the view, with an SVG icon in the repository', () => {
    const containers = manifest.contributes.viewsContainers?.activitybar ?? [];
    const owner = Object.entries(manifest.contributes.views).find(([, views]) => views.some((view) => view.id === 'pipsight.dependencies'));
    expect(owner?.[0]).not.toBe('explorer');
    const container = containers.find((candidate) => candidate.id === owner?.[0]);
    expect(container).toBeDefined();
    expect(container!.title).toBe('Python Dependencies');
    expect(container!.icon).toMatch(/^(media|docs)\/[\w.-]+\.svg$/);
    const svg = readFileSync(join(root, container!.icon), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 24 24"/);
  });

  it('shows the view (and so the container) only when a project is detected', () => {
    const view = Object.values(manifest.contributes.views).flat().find((candidate) => candidate.id === 'pipsight.dependencies');
    expect(view?.when).toBe('pipsight.projectDetected');
    expect(existsSync(join(root, 'media'))).toBe(true);
  });
});
