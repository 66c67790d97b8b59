import type { Report } from '../../../model/report.js';
import { plural, resourceCount, unknownByRule } from '../../assemble/digest.js';
import { clean, displayWidth, hang, padEnd, truncateEnd, truncateMiddle, widest, wrap } from './layout.js';
import type { Layout } from './page.js';

/** What the terminal report could not check: unknown checks, rules that failed, data not collected. */

export function unknownChecks(report: Report, { width, paint }: Layout): string[] {
  const groups = unknownByRule(report);
  if (groups.length === 0) return [];
  const lines = [
    paint(`Unknown checks: ${report.summary.unknown}, not passed: they could not be made`, 'bold', 'yellow'),
  ];
  for (const group of groups) {
    const [top, ...others] = group.reasons;
    const more = others.length > 0 ? ` (+${plural(others.length, 'other reason')}, see --format json)` : '';
    lines.push(
      `  ${paint(clean(group.ruleId), 'bold')}: ${resourceCount(group.resources, group.resourceType)}`,
      ...wrap(clean(top?.message ?? '') + more, width - 6).map((line) => `      ${line}`),
    );
  }
  return lines;
}

export function ruleErrors(report: Report, { width, paint }: Layout): string[] {
  const failedRules = report.rules.filter((rule) => rule.error !== undefined);
  if (failedRules.length === 0) return [];
  return [
    paint(`Rule errors: ${failedRules.length} (their resources are unknown)`, 'bold', 'red'),
    ...failedRules.flatMap((rule) => {
      const first = `  ${clean(rule.id)}: `;
      return hang(wrap(clean(rule.error ?? ''), width - displayWidth(first)), first);
    }),
  ];
}

export function coverageGaps(report: Report, { width, paint }: Layout): string[] {
  if (report.coverage.length === 0) return [];
  const apiWidth = Math.min(36, widest(report.coverage.map((gap) => clean(gap.api))));
  const codeWidth = Math.min(32, widest(report.coverage.map((gap) => clean(gap.errorCode))));
  const lines = [paint(`Coverage gaps: ${report.coverage.length}, data that could not be collected`, 'bold')];
  for (const gap of report.coverage) {
    const resource = gap.resource === undefined ? `all ${gap.part}` : clean(gap.resource);
    const head = `  ${padEnd(truncateMiddle(clean(gap.api), apiWidth), apiWidth)}  ${padEnd(truncateEnd(clean(gap.errorCode), codeWidth), codeWidth)}  `;
    lines.push(head + truncateMiddle(resource, Math.max(12, width - displayWidth(head))));
    lines.push(...wrap(clean(gap.message), width - 6).map((line) => paint(`      ${line}`, 'dim')));
  }
  return lines;
}
