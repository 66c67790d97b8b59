import type { Report } from '../../../model/report.js';
import { escapeMarkdown as md } from '../escape.js';
import { table } from './table.js';

/** What the opt-in ENI cleanup did: every orphaned ENI it considered, with the outcome and why. */
export function cleanupMarkdown(report: Report): string[] {
  const cleanup = report.cleanup;
  if (cleanup === undefined) return [];
  const s = cleanup.summary;
  const rows = cleanup.actions.map((action) => [
    md(action.networkInterfaceId),
    `**${action.outcome}**`,
    md(action.reason),
    action.firstSeen === null ? '-' : `${md(action.firstSeen)} (${action.orphanedHours ?? '?'} h)`,
    action.errorCode === undefined ? '' : md(action.errorCode),
  ]);
  return [
    `## ENI cleanup (${cleanup.mode === 'dry-run' ? 'dry run' : 'applied'})`,
    '',
    `Minimum orphan age ${cleanup.minOrphanAgeHours} h. ` +
      (cleanup.mode === 'dry-run' ? `${s.wouldDelete} would be deleted` : `${s.deleted} deleted`) +
      `, ${s.skipped} skipped, ${s.failed} failed. ` +
      `DeleteNetworkInterface permission: ${cleanup.permission.status}. ${md(cleanup.permission.detail)}`,
    '',
    ...(rows.length === 0
      ? ['No orphaned Lambda ENI to consider.']
      : table(['ENI', 'Outcome', 'Why', 'First seen orphaned', 'Error'], rows)),
    '',
    ...cleanup.notes.map((note) => `- ${md(note)}`),
  ];
}
