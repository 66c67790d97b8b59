import type { Report } from '../../../model/report.js';
import { executionRoleSentences } from '../execution-roles.js';
import { clean, wrap } from './layout.js';
import type { Layout } from './page.js';

/** How the execution roles were checked: from their policies, by simulation, and what neither shows. */
export function executionRolesText(report: Report, { width, paint }: Layout): string[] {
  if (report.executionRoles === undefined || report.executionRoles.roles === 0) return [];
  return [
    paint('Execution roles', 'bold'),
    ...executionRoleSentences(report.executionRoles).flatMap((sentence) =>
      wrap(clean(sentence), width - 2).map((line) => `  ${line}`),
    ),
  ];
}
