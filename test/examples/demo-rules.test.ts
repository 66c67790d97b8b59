import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../examples/demo-account.js';
import { analyze } from '../../lib/analyze/engine.js';
import { RULES } from '../../lib/analyze/registry.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';

const demo = buildDemoAccount();
const analysis = analyze(demo, RULES, DEFAULT_ANALYSIS_SETTINGS, new Date(demo.meta.capturedAt));

describe('the demo account shows every rule (examples/demo-account.ts)', () => {
  it('makes every registered rule fail at least once', () => {
    const neverFailing = analysis.outcomes
      .filter((outcome) => !outcome.results.some((result) => result.status === 'fail'))
      .map((outcome) => outcome.ruleId);
    expect(analysis.outcomes.map((outcome) => outcome.ruleId)).toEqual(RULES.map((rule) => rule.id));
    expect(neverFailing, 'add a case to examples/demo-account.ts for each').toEqual([]);
  });

  it('makes no rule error', () => {
    expect(analysis.outcomes.filter((outcome) => outcome.error)).toEqual([]);
  });
});
