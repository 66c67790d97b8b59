import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../../examples/demo-account.js';
import { defaultAuditDeps, runAudit } from '../../../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import { renderReport } from '../../../lib/report/render/render.js';

/**
 * The machine formats of an account with plain ASCII names stay within Latin-1: one character above U+00FF in
 * text the auditor writes (an arrow in a path, a typographic quote in a message) makes V8 store the whole report
 * two bytes per character, which doubled its memory and cost 40% of the benchmark account's rendering time.
 */
describe('report text the auditor writes', () => {
  it('is Latin-1 in JSON, SARIF, OCSF and CSV for the demo account', async () => {
    const demo = buildDemoAccount();
    const { report } = await runAudit(
      {
        source: { kind: 'file', path: 'examples/demo-account.json' },
        settings: DEFAULT_ANALYSIS_SETTINGS,
        runId: 'demo-run',
        now: new Date(demo.meta.capturedAt),
      },
      defaultAuditDeps,
    );
    for (const format of ['json', 'sarif', 'ocsf', 'csv'] as const) {
      const wide = renderReport(report, format, { color: false }).match(/[\u0100-\u{10ffff}]/gu) ?? [];
      expect({ format, wide: [...new Set(wide)] }).toEqual({ format, wide: [] });
    }
  });
});
