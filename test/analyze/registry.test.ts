import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { SEVERITY_RANK } from '../../lib/model/finding.js';

/** A rule is its file: lib/analyze/rules/<id>.ts, registered once, tested in test/analyze/rules/<id>.test.ts. */
const RULE_DIR = 'lib/analyze/rules';
const TEST_DIR = 'test/analyze/rules';

const ruleFiles = readdirSync(RULE_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));
const ids = RULES.map((rule) => rule.id);

/** The statuses a test file asserts: the quoted ones inside its `expect(...)` statements. */
function assertedStatuses(source: string): string[] {
  const statuses = new Set<string>();
  for (const statement of source.match(/expect\([^;]*;/g) ?? []) {
    for (const [, status] of statement.matchAll(/'(fail|pass|unknown)'/g)) if (status) statuses.add(status);
  }
  return [...statuses].sort();
}

describe('the rule registry', () => {
  it('registers every file of lib/analyze/rules, and no rule without a file', () => {
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
  });

  it('has no duplicate id', () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s is exported by the file its id names',
    async (id, rule) => {
      const url = new URL(`../../${RULE_DIR}/${id}.ts`, import.meta.url);
      const module: Record<string, unknown> = await import(url.href);
      expect(Object.values(module)).toContain(rule);
    },
  );
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it('declares its default severity among its severities, worst first, each once', () => {
    expect(rule.severities).toContain(rule.severity);
    const ranks = rule.severities.map((severity) => SEVERITY_RANK[severity]);
    expect(ranks).toEqual([...new Set(ranks)].sort((a, b) => b - a));
  });

  it('says how it grades exactly when it has more than one severity, and what it finds in one line', () => {
    if (rule.grading !== undefined) expect(rule.severities.length).toBeGreaterThan(1);
    expect(rule.finds.trim()).not.toBe('');
    expect(rule.finds).not.toContain('\n');
  });

  it(`has ${TEST_DIR}/${id}.test.ts, which imports it and asserts a fail, a pass and an unknown`, () => {
    const path = `${TEST_DIR}/${id}.test.ts`;
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const source = readFileSync(path, 'utf8');
    expect(source).toContain(`/lib/analyze/rules/${id}.js'`);
    expect(assertedStatuses(source), path).toEqual(['fail', 'pass', 'unknown']);
  });
});
