import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../../lib/report/render/csv.js';
import { makeFinding, makeReport } from '../report-factory.js';

describe('renderCsv', () => {
  it('has a header and one quoted row per failed or unknown check, with the resource ARN', () => {
    const report = makeReport({
      findings: [
        makeFinding({ resourceId: 'orders-api', message: 'orders-api runs in 1 AZ; "at least" 2 needed.' }),
        makeFinding({ resourceId: 'billing-api', status: 'unknown' }),
      ],
    });
    const [header, first, second, ...rest] = renderCsv(report).split('\r\n');
    expect(header).toBe(
      '"account_id","region","severity","status","rule_id","title","resource_type","resource_id","resource_arn",' +
        '"function_name","message","remediation","first_seen","run_id"',
    );
    expect(first).toContain('"medium","fail","function-multi-az"');
    expect(first).toContain('"arn:aws:lambda:eu-west-1:123456789012:function:orders-api"');
    expect(first).toContain('"orders-api runs in 1 AZ; ""at least"" 2 needed."');
    expect(second).toContain('"unknown"');
    expect(rest).toEqual(['']);
  });

  it('keeps a name a spreadsheet would run as a formula as text, and a newline out of the row', () => {
    const report = makeReport({
      findings: [makeFinding({ resourceId: '=HYPERLINK("https://evil.example")', message: 'a\nb' })],
    });
    const row = renderCsv(report).split('\r\n')[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(row).toContain('"a b"');
  });
});
