import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../../examples/demo-account.js';
import { RULES } from '../../../lib/analyze/registry.js';
import { runAudit } from '../../../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import { applyBaseline } from '../../../lib/report/assemble/diff.js';
import { ocsfFindings } from '../../../lib/report/render/ocsf.js';
import { renderSarif } from '../../../lib/report/render/sarif.js';
import { hostileReport } from '../../security/hostile-account.js';
import { makeFinding, makeReport } from '../report-factory.js';

/** SARIF and OCSF against their published schemas (vendored in test/schemas, see its README). */

const schema = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;

// CommonJS packages: their default export is the module's `default` property under NodeNext.
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const sarifValidator = addFormats(new AjvDraft04({ allErrors: true, strict: false })).compile(
  schema('sarif-schema-2.1.0.json'),
);
const ocsfValidator = addFormats(new Ajv({ allErrors: true, strict: false })).compile(
  schema('ocsf-1.6.0-compliance_finding.schema.json'),
);

async function demoReport() {
  const snapshot = buildDemoAccount();
  const { report } = await runAudit(
    {
      source: { kind: 'file', path: 'demo.json' },
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: '20261124T030000Z-demo0000',
      now: new Date('2026-11-24T03:00:00.000Z'),
    },
    { readSnapshot: async () => snapshot, collect: () => Promise.reject(new Error('offline')), rules: RULES },
  );
  return report;
}

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema, for the demo account and a hostile one', async () => {
    for (const report of [await demoReport(), await hostileReport()]) {
      const log: unknown = JSON.parse(renderSarif(report));
      expect(sarifValidator(log), JSON.stringify(sarifValidator.errors?.slice(0, 5))).toBe(true);
    }
  });

  it('describes every rule with its help text and locates every result at its resource ARN', async () => {
    const report = await demoReport();
    const log = JSON.parse(renderSarif(report)) as {
      runs: {
        tool: { driver: { rules: { id: string; help: { text: string }; helpUri?: string }[] } };
        results: {
          ruleId: string;
          kind: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const [run] = log.runs;
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of run?.tool.driver.rules ?? []) {
      const source = RULES.find((r) => r.id === rule.id);
      expect(rule.help.text).toContain(source?.remediation);
      expect(rule.helpUri).toBe(source?.docs[0]);
    }
    expect(run?.results).toHaveLength(report.findings.length);
    const uris =
      run?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri) ?? [];
    expect(uris).toContain('arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0a7f3c9e1d5b2f604');
    expect(uris.every((uri) => uri?.startsWith('arn:aws:') || uri?.startsWith('AWS::::Account:'))).toBe(true);
    const kinds = new Set(run?.results.map((result) => result.kind));
    expect(kinds).toEqual(new Set(['fail', 'open']));
  });
});

describe('OCSF output', () => {
  it('validates every finding against the OCSF 1.6.0 Compliance Finding schema', async () => {
    for (const report of [await demoReport(), await hostileReport()]) {
      const findings = ocsfFindings(report);
      expect(findings).toHaveLength(report.findings.length);
      for (const finding of findings) {
        expect(ocsfValidator(finding), JSON.stringify(ocsfValidator.errors?.slice(0, 5))).toBe(true);
      }
    }
  });

  it('marks failed checks Fail, unknown ones Warning, and resolved ones Pass with a Close activity', () => {
    const previous = makeReport({ findings: [makeFinding({ resourceId: 'gone-fn' })] });
    const report = applyBaseline(
      makeReport({
        findings: [
          makeFinding({ resourceId: 'orders-api' }),
          makeFinding({ resourceId: 'billing-api', status: 'unknown' }),
        ],
      }),
      { kind: 'report', report: previous },
    );
    const findings = ocsfFindings(report);
    for (const finding of findings) expect(ocsfValidator(finding)).toBe(true);
    expect(findings.map((f) => [f.compliance, f.activity_name])).toEqual([
      [expect.objectContaining({ status: 'Fail', control: 'function-multi-az' }), 'Create'],
      [expect.objectContaining({ status: 'Warning' }), 'Create'],
      [expect.objectContaining({ status: 'Pass' }), 'Close'],
    ]);
  });

  it('rejects what the schema does not define: the validator is not a rubber stamp', async () => {
    const [finding] = ocsfFindings(await demoReport());
    expect(ocsfValidator({ ...finding, class_uid: 2004 })).toBe(false);
    expect(ocsfValidator({ ...finding, made_up: true })).toBe(false);
    const { metadata: _metadata, ...withoutMetadata } = finding ?? {};
    expect(ocsfValidator(withoutMetadata)).toBe(false);
  });
});
