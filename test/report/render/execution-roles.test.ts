import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../../examples/demo-account.js';
import { analyze } from '../../../lib/analyze/engine.js';
import { RULES } from '../../../lib/analyze/registry.js';
import { executionRoleSummary } from '../../../lib/analyze/role-eni-summary.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import { buildReport } from '../../../lib/report/assemble/report.js';
import { renderHtml } from '../../../lib/report/render/html/html.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import { withMissing } from '../../fixtures/snapshot-builder.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');

function report(snapshot: Snapshot) {
  return buildReport({
    snapshot,
    analysis: analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, NOW),
    rules: RULES,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    runId: 'r',
    generatedAt: NOW,
  });
}

describe('the execution roles section', () => {
  it('says which roles were decided from their policies and which were simulated, and why', () => {
    const summary = executionRoleSummary(buildDemoAccount());
    expect(summary).toMatchObject({
      source: 'policies',
      roles: 30,
      decidedFromPolicies: 29,
      decidedBySimulation: 1,
      undecided: 0,
    });
    expect(summary?.simulated.map((s) => `${s.role.slice(s.role.lastIndexOf('/') + 1)} ${s.why}`)).toEqual([
      'card-tokenizer-role sample',
      'fraud-scorer-role undecidable',
      'fx-rates-fetcher-role organizations',
      'ledger-lambda-role sample',
      'orders-api-role sample',
      'report-scheduler-role sample',
    ]);
    // Wrapped lines read as one.
    const text = renderText(report(buildDemoAccount()), { color: false, width: 120, details: true }).replace(
      /\n\s+/g,
      ' ',
    );
    expect(text).toContain(
      '30 checked: 29 decided from their policies (iam:GetAccountAuthorizationDetails), 1 by their simulation.',
    );
    expect(text).toContain('fraud-scorer-role (its policies leave it open)');
    expect(text).toContain('What their policies cannot show: service control policies (AWS Organizations)');
    expect(renderMarkdown(report(buildDemoAccount()))).toContain('## Execution roles');
    expect(renderHtml(report(buildDemoAccount()))).toContain('<h2>Execution roles (30)</h2>');
  });

  it('says when every role was simulated because their policies could not be read, and what stayed undecided', () => {
    const summary = executionRoleSummary(
      withMissing(withMissing(buildDemoAccount(), 'rolePolicies'), 'rolePermissions'),
    );
    expect(summary).toMatchObject({ source: 'simulations', roles: 30, undecided: 30, simulated: [] });
    const text = renderText(report(withMissing(buildDemoAccount(), 'rolePolicies')), {
      color: false,
      width: 200,
      details: true,
    });
    expect(text).toContain('30 checked, each with iam:SimulatePrincipalPolicy: their policies were not read');
  });
});
