import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { TOOL } from '../../lib/version.js';
import { generatedBlock, README_BLOCKS, README_COMMAND } from '../../scripts/readme.js';
import { README_POLICY_BLOCKS } from '../../scripts/readme-policies.js';

const readme = readFileSync('README.md', 'utf8');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };

/** The JSON inside a policy block's ```json fence. */
function fencedJson(block: string | undefined): unknown {
  return JSON.parse(block?.replace(/^```json\n/, '').replace(/\n```$/, '') ?? '');
}

describe('README', () => {
  it.each(Object.entries(README_POLICY_BLOCKS))(
    'shows the %s policy generated from the code, exactly',
    (name, policy) => {
      const block = generatedBlock(readme, name);
      expect(block, `README.md needs a ${name} block: run ${README_COMMAND}`).toBeDefined();
      expect(fencedJson(block)).toEqual(policy());
    },
  );

  it.each(Object.entries(README_BLOCKS))('has its generated %s block up to date', (name, render) => {
    expect(generatedBlock(readme, name), `README.md is stale: run ${README_COMMAND}`).toBe(render());
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
