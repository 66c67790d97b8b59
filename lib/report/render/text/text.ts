import type { Report } from '../../../model/report.js';
import { joinSections } from '../lines.js';
import { cleanupText } from './cleanup.js';
import { demandText } from './demand.js';
import { eniDependenciesText } from './eni-dependencies.js';
import { executionRolesText } from './execution-roles.js';
import { failedTable, fixes } from './failed.js';
import { findings } from './findings.js';
import { inventory } from './inventory.js';
import { hintLines, type Layout, layoutOf, type TextOptions } from './page.js';
import { routingText } from './routing.js';
import { header, summary, verdictLines } from './summary.js';
import { coverageGaps, ruleErrors, unknownChecks } from './unchecked.js';

type Section = (report: Report, layout: Layout) => string[];

function hints(details: boolean): Section {
  return (report, layout) => {
    const s = report.summary;
    const steps: string[] = [];
    if (s.failed > 0) steps.push('Next: fix the failed checks worst first, with the fixes above.');
    if (s.coverageGaps > 0 || report.incomplete) {
      steps.push(
        'Close the coverage gaps (often a missing IAM permission or throttling) and run the audit again.',
      );
    } else if (s.unknown > 0) {
      steps.push('Unknown checks are not passes: resolve the reason given for each and run the audit again.');
    }
    if (!details)
      steps.push(
        'Whole messages, how execution roles were checked, routing, ENI demand, ENI holders and the inventory: --details.',
      );
    steps.push('Evidence and ARNs per finding: --format html or --format json.');
    return hintLines(steps, layout);
  };
}

/**
 * The terminal report a platform engineer reads after an audit: the summary, one row per failed check, each
 * failed rule's fix, what could not be checked, and the verdict as the last line. `--details` adds the whole
 * messages and the execution-role, routing, demand, ENI-holder and inventory sections. Pure: colour and width come from the
 * caller.
 */
export function renderText(report: Report, options: TextOptions): string {
  const layout = layoutOf(options);
  const details = options.details === true;
  const sections: Section[] = [
    header,
    summary,
    failedTable,
    ...(details ? [findings] : []),
    fixes,
    unknownChecks,
    ruleErrors,
    coverageGaps,
    ...(details ? [executionRolesText, routingText, demandText, eniDependenciesText] : []),
    // Asked for with --cleanup: shown whether or not --details is.
    cleanupText,
    ...(details ? [inventory] : []),
    hints(details),
    verdictLines,
  ];
  return joinSections(sections.map((section) => section(report, layout)));
}
