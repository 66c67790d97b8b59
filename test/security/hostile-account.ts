/**
 * The demo account with hostile text wherever AWS lets an account's users write it (or an emulator, or a
 * doctored snapshot file, puts it): a function named like an HTML tag, Markdown links and chat mentions in
 * names and messages, a heading, a table row and a script on lines of their own, a terminal escape sequence
 * and a right-to-left override. Every renderer must show all of it as text.
 */
import { buildDemoAccount } from '../../examples/demo-account.js';
import { RULES } from '../../lib/analyze/registry.js';
import { runAudit } from '../../lib/audit.js';
import type { Report } from '../../lib/model/report.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_LINKS =
  '[click me](https://evil.example/phish) ![pixel](https://evil.example/p.png) <!channel> @here *bold* _em_ `code`';
export const HOSTILE_LINES =
  'ok\n# Pwned heading\n| x | y |\n<script>alert(2)</script>\u001b[31mRED\u202eevil';

/** The function renamed (`fraud-scorer`, a single-AZ function, so it has failed findings of its own). */
const RENAMED = 'fraud-scorer';

export function hostileAccount(): Snapshot {
  const s = buildDemoAccount();
  for (const record of s.functions ?? []) {
    if (record.FunctionName !== RENAMED) continue;
    record.FunctionName = HOSTILE_NAME;
    record.FunctionArn = record.FunctionArn.replace(RENAMED, HOSTILE_NAME);
  }
  const details = s.functionDetails ?? {};
  const detail = details[RENAMED];
  if (detail) {
    delete details[RENAMED];
    details[HOSTILE_NAME] = {
      ...detail,
      FunctionName: HOSTILE_NAME,
      Tags: { owner: HOSTILE_LINKS, notes: HOSTILE_LINES },
    };
  }
  const metrics = s.metrics?.functions ?? {};
  const series = metrics[RENAMED];
  if (series) {
    delete metrics[RENAMED];
    metrics[HOSTILE_NAME] = series;
  }
  for (const group of s.securityGroups ?? []) group.GroupName = `${group.GroupName ?? ''} ${HOSTILE_LINES}`;
  for (const endpoint of s.vpcEndpoints ?? [])
    endpoint.ServiceName = `${endpoint.ServiceName ?? ''} ${HOSTILE_LINKS}`;
  // An error message is AWS's (or an emulator's) text too.
  if (s.quotas) s.quotas.lambdaEnisPerVpc = null;
  s.coverage.push({
    part: 'quotas',
    api: 'servicequotas:GetServiceQuota',
    errorCode: 'AccessDeniedException',
    message: `${HOSTILE_LINKS} ${HOSTILE_LINES}`,
    resource: `lambda/${HOSTILE_NAME}`,
  });
  return s;
}

/** The hostile account audited with the default settings, offline, at a fixed time. */
export async function hostileReport(): Promise<Report> {
  const snapshot = hostileAccount();
  const { report } = await runAudit(
    {
      source: { kind: 'file', path: 'hostile.json' },
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: '20261124T030000Z-00000000',
      now: new Date('2026-11-24T03:00:00.000Z'),
    },
    { readSnapshot: async () => snapshot, collect: () => Promise.reject(new Error('offline')), rules: RULES },
  );
  return report;
}
