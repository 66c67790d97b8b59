import type { Report } from '../../../model/report.js';
import { joinSections } from '../lines.js';
import { cleanupText } from './cleanup.js';
import { demandText } from './demand.js';
import { eniDependenciesText } from './eni-dependencies.js';
import { findings } from './findings.js';
import { inventory } from './inventory.js';
import { hintLines, type Layout, layoutOf, type TextOptions } from './page.js';
import { routingText } from './routing.js';
import { header, summary } from './summary.js';
import { coverageGaps, ruleErrors, unknownChecks } from './unchecked.js';

const DETAILS_HINT = 'Details (evidence, ARNs, every rule): --format json or --format md.';
const PATHS_HINT = "Each function's egress path hop by hop: --details.";

function footer(report: Report, layout: Layout): string[] {
  const s = report.summary;
  const steps: string[] = [];
  if (s.failed > 0) steps.push('Next: fix the findings worst first; each rule has a Fix line.');
  if (s.coverageGaps > 0 || report.incomplete) {
    steps.push(
      'Close the coverage gaps (often a missing IAM permission or throttling) and run the audit again.',
    );
  } else if (s.unknown > 0) {
    steps.push('Unknown checks are not passes: resolve the reason given for each and run the audit again.');
  }
  if (!layout.details && report.routing !== undefined && report.routing.vpcs.length > 0)
    steps.push(PATHS_HINT);
  steps.push(DETAILS_HINT);
  return hintLines(steps, layout);
}

/** The terminal report a platform engineer reads after an audit. Pure: colour and width come from the caller. */
export function renderText(report: Report, options: TextOptions): string {
  const layout = layoutOf(options);
  const sections = [
    header,
    summary,
    findings,
    unknownChecks,
    ruleErrors,
    coverageGaps,
    routingText,
    demandText,
    eniDependenciesText,
    cleanupText,
    inventory,
    footer,
  ].map((section) => section(report, layout));
  return joinSections(sections);
}
