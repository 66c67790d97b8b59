import { SEVERITIES } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import {
  failedBySeverity,
  INCOMPLETE_SCOPE,
  INVENTORY_HEADERS,
  inventoryCells,
  plural,
  resourceCount,
  SEVERITY_LABEL,
  unknownByRule,
  unknownReasonsCell,
  verdict,
} from '../../assemble/digest.js';
import { escapeMarkdown as md } from '../escape.js';
import { executionRoleSentences } from '../execution-roles.js';
import { joinSections } from '../lines.js';
import { changesMarkdown } from './changes.js';
import { cleanupMarkdown } from './cleanup.js';
import { demandMarkdown } from './demand.js';
import { eniDependenciesMarkdown } from './eni-dependencies.js';
import { routingMarkdown } from './routing.js';
import { table } from './table.js';

function title(report: Report): string[] {
  const lines = [`# Lambda VPC audit: ${md(report.accountId)} / ${md(report.region)}`, ''];
  if (report.incomplete) {
    lines.push(
      '> [!CAUTION]',
      `> **Incomplete report.** Collection stopped early: ${md(report.incomplete.reason)}`,
      `> ${INCOMPLETE_SCOPE}`,
      '',
    );
  }
  lines.push(
    `${md(report.tool.name)} ${md(report.tool.version)} · captured ${md(report.capturedAt)} · ` +
      `generated ${md(report.generatedAt)} · run ${md(report.runId)}`,
  );
  return lines;
}

function summary(report: Report): string[] {
  const s = report.summary;
  const rows = [
    ['Functions audited', String(s.functionsAudited)],
    ['VPC functions', `${s.vpcFunctions} (${plural(s.vpcFunctionVersions, 'VPC-enabled version')})`],
    ['Lambda ENIs', s.lambdaEnis === null ? 'not collected' : String(s.lambdaEnis)],
    ['Failed checks', String(s.failed)],
    ...SEVERITIES.map((severity) => [
      `&nbsp;&nbsp;${SEVERITY_LABEL[severity]}`,
      String(s.bySeverity[severity]),
    ]),
    ['Unknown checks', String(s.unknown)],
    ['Coverage gaps', String(s.coverageGaps)],
    ['Rule errors', String(s.ruleErrors)],
  ];
  return [
    '## Summary',
    '',
    ...table(['', 'Count'], rows, ['left', 'right']),
    '',
    `**Result:** ${md(verdict(report).text)}`,
  ];
}

function findings(report: Report): string[] {
  const groups = failedBySeverity(report);
  const lines = [`## Findings (${plural(report.summary.failed, 'failed check')})`, ''];
  if (groups.length === 0) return [...lines, 'No check failed.'];
  for (const group of groups) {
    const rows = group.rules.flatMap((rule) =>
      rule.findings.map((finding) => [md(finding.ruleId), md(finding.resourceId), md(finding.message)]),
    );
    lines.push(
      `### ${SEVERITY_LABEL[group.severity]} (${group.count})`,
      '',
      ...table(['Rule', 'Resource', 'Message'], rows),
      '',
      '**Remediation**',
      '',
      ...group.rules.map((rule) => `- **${md(rule.ruleId)}** (${md(rule.title)}): ${md(rule.remediation)}`),
      '',
    );
  }
  return lines.slice(0, -1);
}

function unknownChecks(report: Report): string[] {
  const groups = unknownByRule(report);
  if (groups.length === 0) return [];
  const rows = groups.map((group) => [
    md(group.ruleId),
    resourceCount(group.resources, group.resourceType),
    unknownReasonsCell(group, md),
  ]);
  return [
    `## Unknown checks (${report.summary.unknown})`,
    '',
    'These checks could not be made, so they are not passes.',
    '',
    ...table(['Rule', 'Resources', 'Why'], rows),
  ];
}

function ruleErrors(report: Report): string[] {
  const failedRules = report.rules.filter((rule) => rule.error !== undefined);
  if (failedRules.length === 0) return [];
  return [
    `## Rule errors (${failedRules.length})`,
    '',
    ...table(
      ['Rule', 'Error'],
      failedRules.map((rule) => [md(rule.id), md(rule.error ?? '')]),
    ),
  ];
}

function coverageGaps(report: Report): string[] {
  if (report.coverage.length === 0) return [];
  const rows = report.coverage.map((gap) => [
    md(gap.api),
    md(gap.errorCode),
    md(gap.resource ?? `all ${gap.part}`),
    md(gap.message),
  ]);
  return [
    `## Coverage gaps (${report.coverage.length})`,
    '',
    'Data that could not be collected; the checks that need it are unknown.',
    '',
    ...table(['API', 'Error code', 'Resource', 'Message'], rows),
  ];
}

function ruleCatalogue(report: Report): string[] {
  if (report.rules.length === 0) return [];
  // The Error column only when a rule threw: a column of blanks says nothing.
  const errors = report.rules.some((rule) => rule.error !== undefined);
  const rows = report.rules.map((rule) => [
    md(rule.id),
    md(rule.title),
    // Every severity the rule can give (a graded rule fails at several), as `rules` and the README show them.
    rule.severities.join(' / ') + (rule.grading === undefined ? '' : ` (${md(rule.grading)})`),
    String(rule.pass),
    String(rule.fail),
    String(rule.unknown),
    ...(errors ? [rule.error === undefined ? '-' : 'rule failed'] : []),
  ]);
  const headers = ['Rule', 'Title', 'Severities', 'Pass', 'Fail', 'Unknown', ...(errors ? ['Error'] : [])];
  return ['## Rules', '', ...table(headers, rows, ['left', 'left', 'left', 'right', 'right', 'right'])];
}

function inventory(report: Report): string[] {
  const lines = [`## VPC functions (${report.inventory.length})`, ''];
  if (report.inventory.length === 0) return [...lines, 'None found.'];
  const rows = report.inventory.map((fn) => inventoryCells(fn, md));
  return [
    ...lines,
    ...table([...INVENTORY_HEADERS], rows, [
      'left',
      'right',
      'left',
      'left',
      'left',
      'left',
      'left',
      'left',
      'right',
    ]),
  ];
}

/** How the execution roles were checked. */
function executionRolesMarkdown(report: Report): string[] {
  if (report.executionRoles === undefined || report.executionRoles.roles === 0) return [];
  return [
    '## Execution roles',
    '',
    ...executionRoleSentences(report.executionRoles).map((s) => `- ${md(s)}`),
  ];
}

/** The report as GitHub-flavoured Markdown; every string from AWS is escaped so it renders as plain text. */
export function renderMarkdown(report: Report): string {
  const sections = [
    title,
    summary,
    changesMarkdown,
    findings,
    unknownChecks,
    ruleErrors,
    coverageGaps,
    executionRolesMarkdown,
    ruleCatalogue,
    routingMarkdown,
    demandMarkdown,
    eniDependenciesMarkdown,
    cleanupMarkdown,
    inventory,
  ].map((section) => section(report));
  return joinSections(sections);
}
