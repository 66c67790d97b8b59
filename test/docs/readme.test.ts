import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { readOnlyPolicy } from '../../lib/permissions.js';
import { TOOL } from '../../lib/version.js';

const readme = readFileSync('README.md', 'utf8');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };

describe('README', () => {
  it('shows the policy the collectors declare, exactly', () => {
    const block = /<!-- permissions:start -->\n```json\n([\s\S]*?)\n```\n<!-- permissions:end -->/.exec(
      readme,
    );
    expect(block?.[1]).toBeDefined();
    expect(JSON.parse(block?.[1] ?? '')).toEqual(readOnlyPolicy());
  });

  it('names every registered rule', () => {
    for (const rule of RULES) expect(readme).toContain(`\`${rule.id}\``);
  });

  it('puts npm ci, npm start and npm test first, in that order', () => {
    const positions = ['npm ci', 'npm start', 'npm test'].map((command) => readme.indexOf(command));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('version', () => {
  it('matches package.json', () => {
    expect(TOOL).toEqual({ name: packageJson.name, version: packageJson.version });
  });
});
