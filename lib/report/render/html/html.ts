import { SEVERITIES } from '../../../model/finding.js';
import type { PreviousFinding, Report } from '../../../model/report.js';
import {
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
import { executionRoleSentences } from '../execution-roles.js';
import { chartsSection } from './charts.js';
import { FINDINGS_SCRIPT, FINDINGS_SCRIPT_HASH, findingsTable, fixesList } from './findings-table.js';
import { h, severityBadge, table } from './parts.js';
import { routingHtml } from './routing.js';
import { optionalSections } from './sections.js';
import { STYLE } from './style.js';

/**
 * The report as one self-contained HTML page (what S3 stores and `--format html` writes): inline CSS, no
 * script, no external asset, and a Content-Security-Policy that forbids loading any. Every string that can
 * come from AWS goes through `h`.
 */

function header(report: Report): string {
  const parts = [
    `<h1>Lambda VPC audit: ${h(report.accountId)} / ${h(report.region)}</h1>`,
    `<p class="meta">${h(report.tool.name)} ${h(report.tool.version)} · captured ${h(report.capturedAt)} · ` +
      `generated ${h(report.generatedAt)} · run <code>${h(report.runId)}</code></p>`,
  ];
  if (report.incomplete) {
    parts.push(
      `<div class="banner" role="alert"><strong>Incomplete report.</strong> Collection stopped early: ` +
        `${h(report.incomplete.reason)} ${INCOMPLETE_SCOPE}</div>`,
    );
  }
  if (report.functionFilter) {
    parts.push(
      `<div class="note">Limited to the functions matching ${report.functionFilter.map((p) => `<code>${h(p)}</code>`).join(', ')} ` +
        'and the resources they use.</div>',
    );
  }
  return parts.join('\n');
}

function summary(report: Report): string {
  const s = report.summary;
  const card = (value: string, label: string, kind = '', zero = false) =>
    `<div class="card ${kind}${zero ? ' zero' : ''}"><b>${value}</b><span>${label}</span></div>`;
  return [
    '<div class="cards" id="summary">',
    ...SEVERITIES.map((severity) =>
      card(
        String(s.bySeverity[severity]),
        `${SEVERITY_LABEL[severity]} failed`,
        severity,
        s.bySeverity[severity] === 0,
      ),
    ),
    card(String(s.unknown), 'Unknown checks', 'unknown', s.unknown === 0),
    card(String(s.coverageGaps), 'Coverage gaps', s.coverageGaps > 0 ? 'high' : '', s.coverageGaps === 0),
    card(String(s.functionsAudited), 'Functions audited'),
    card(`${s.vpcFunctions}`, `VPC functions (${plural(s.vpcFunctionVersions, 'version')})`),
    card(s.lambdaEnis === null ? 'n/a' : String(s.lambdaEnis), 'Lambda ENIs'),
    card(String(s.ruleErrors), 'Rule errors', s.ruleErrors > 0 ? 'high' : '', s.ruleErrors === 0),
    '</div>',
  ].join('\n');
}

function verdictBlock(report: Report): string {
  const v = verdict(report);
  return `<div class="verdict ${v.kind}" id="verdict">${h(v.text)}</div>`;
}

function previousRows(findings: readonly PreviousFinding[]): string[][] {
  return findings.map((finding) => [
    severityBadge(finding.severity),
    `<code>${h(finding.ruleId)}</code>`,
    h(finding.resourceId),
    h(finding.message),
    h(finding.firstSeen),
  ]);
}

function changes(report: Report): string {
  const c = report.changes;
  if (c === undefined) return '';
  if (c.status === 'unavailable') {
    return `<div class="note">Not compared with the previous report: ${h(c.reason)}</div>`;
  }
  const since =
    c.previous === null
      ? 'This is the first run: every finding is new.'
      : `Compared with run <code>${h(c.previous.runId)}</code> of ${h(c.previous.generatedAt)}.`;
  const parts = [
    `<p>${since} ${plural(c.new, 'new failed check')}, ${plural(c.open, 'still open')}, ${plural(c.resolved.length, 'resolved')}.</p>`,
  ];
  const headers = ['Severity', 'Rule', 'Resource', 'Last message', 'First seen'];
  if (c.resolved.length > 0)
    parts.push(`<h3>Resolved (${c.resolved.length})</h3>`, table(headers, previousRows(c.resolved)));
  if (c.unconfirmed.length > 0) {
    parts.push(
      `<h3>Not confirmed (${c.unconfirmed.length})</h3>`,
      '<p>These failed last time and are absent now, but this run could not check them: they are not counted as resolved.</p>',
      table(headers, previousRows(c.unconfirmed)),
    );
  }
  return parts.join('\n');
}

function findings(report: Report): string {
  const filter = report.findingFilter;
  const note =
    filter === undefined
      ? ''
      : `<div class="note">Listing ${h(filter.severities.join(', '))} only: ${plural(filter.hiddenFailed + filter.hiddenUnknown, 'check')} of other severities left out; the counts above include them.</div>`;
  return `${note}${findingsTable(report)}`;
}

function unknownChecks(report: Report): string {
  const groups = unknownByRule(report);
  if (groups.length === 0) return '';
  const rows = groups.map((group) => [
    `<code>${h(group.ruleId)}</code>`,
    resourceCount(group.resources, group.resourceType),
    unknownReasonsCell(group, h),
  ]);
  return [
    '<p>These checks could not be made, so they are not passes.</p>',
    table(['Rule', 'Resources', 'Why'], rows),
  ].join('\n');
}

function ruleErrors(report: Report): string {
  const failed = report.rules.filter((rule) => rule.error !== undefined);
  if (failed.length === 0) return '';
  return [
    table(
      ['Rule', 'Error'],
      failed.map((rule) => [`<code>${h(rule.id)}</code>`, h(rule.error ?? '')]),
    ),
  ].join('\n');
}

function coverage(report: Report): string {
  if (report.coverage.length === 0) return '';
  const rows = report.coverage.map((gap) => [
    `<code>${h(gap.api)}</code>`,
    h(gap.errorCode),
    h(gap.resource ?? `all ${gap.part}`),
    h(gap.message),
  ]);
  return [
    '<p>Data that could not be collected; the checks that need it are unknown.</p>',
    table(['API', 'Error code', 'Resource', 'Message'], rows),
  ].join('\n');
}

function rules(report: Report): string {
  if (report.rules.length === 0) return '';
  const errors = report.rules.some((rule) => rule.error !== undefined);
  const rows = report.rules.map((rule) => [
    `<code>${h(rule.id)}</code>`,
    h(rule.title),
    rule.severities.map(severityBadge).join(' ') +
      (rule.grading === undefined ? '' : ` <span class="tag">${h(rule.grading)}</span>`),
    String(rule.pass),
    String(rule.fail),
    String(rule.unknown),
    ...(errors ? [rule.error === undefined ? '-' : h(rule.error)] : []),
  ]);
  const headers = ['Rule', 'Title', 'Severities', 'Pass', 'Fail', 'Unknown', ...(errors ? ['Error'] : [])];
  return table(headers, rows, [3, 4, 5]);
}

function inventory(report: Report): string {
  if (report.inventory.length === 0) return '<p>None found.</p>';
  const rows = report.inventory.map((fn) => inventoryCells(fn, h));
  return table([...INVENTORY_HEADERS], rows, [1, 8]);
}

interface Section {
  id: string;
  title: string;
  body: string;
  /** Open when the page loads; the others are a click away (and in the table of contents). */
  open: boolean;
}

function section({ id, title, body, open }: Section): string {
  return `<details class="section" id="${id}"${open ? ' open' : ''}><summary><h2>${title}</h2></summary>\n${body}\n</details>`;
}

function sectionsOf(report: Report): Section[] {
  const s = report.summary;
  const all: Section[] = [
    { id: 'charts', title: 'At a glance', body: chartsSection(report), open: true },
    { id: 'changes', title: 'Changes since the last run', body: changes(report), open: true },
    {
      id: 'findings',
      title: `Findings (${plural(s.failed, 'failed check')}${s.unknown > 0 ? `, ${s.unknown} unknown` : ''})`,
      body: findings(report),
      open: true,
    },
    { id: 'fixes', title: 'How to fix, rule by rule', body: fixesList(report), open: true },
    { id: 'unknown', title: `Unknown checks (${s.unknown})`, body: unknownChecks(report), open: true },
    { id: 'rule-errors', title: `Rule errors (${s.ruleErrors})`, body: ruleErrors(report), open: true },
    {
      id: 'coverage',
      title: `Coverage gaps (${report.coverage.length})`,
      body: coverage(report),
      open: true,
    },
    {
      id: 'execution-roles',
      title: `Execution roles (${report.executionRoles?.roles ?? 0})`,
      body: executionRoles(report),
      open: false,
    },
    // Routing (lib/report/render/html/routing.ts) repeats its own heading: the section's summary hides it.
    { id: 'routing-section', title: 'Routing by VPC', body: routingHtml(report), open: false },
    {
      id: 'demand-section',
      title: 'ENI demand and quotas, in numbers',
      body: optionalSections(report),
      open: false,
    },
    { id: 'rules', title: `Rules (${report.rules.length})`, body: rules(report), open: false },
    {
      id: 'inventory',
      title: `VPC functions (${report.inventory.length})`,
      body: inventory(report),
      open: false,
    },
  ];
  return all.filter((part) => part.body !== '');
}

function tableOfContents(sections: readonly Section[]): string {
  return `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${sections
    .map((part) => `<li><a href="#${part.id}">${part.title}</a></li>`)
    .join('')}</ol></nav>`;
}

/** How the execution roles were checked. */
function executionRoles(report: Report): string {
  if (report.executionRoles === undefined || report.executionRoles.roles === 0) return '';
  return executionRoleSentences(report.executionRoles)
    .map((s) => `<p>${h(s)}</p>`)
    .join('\n');
}

/** The whole page. Pure. */
export function renderHtml(report: Report): string {
  const title = `Lambda VPC audit ${report.accountId} ${report.region} ${report.generatedAt}`;
  const sections = sectionsOf(report);
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${FINDINGS_SCRIPT_HASH}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(report),
    verdictBlock(report),
    summary(report),
    tableOfContents(sections),
    ...sections.map(section),
    `<footer>Generated by ${h(report.tool.name)} ${h(report.tool.version)}. Report version ${report.reportVersion}.</footer>`,
    `<script>${FINDINGS_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
