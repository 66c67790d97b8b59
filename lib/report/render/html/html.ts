import { type Finding, SEVERITIES } from '../../../model/finding.js';
import type { PreviousFinding, Report } from '../../../model/report.js';
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
import { executionRoleSentences } from '../execution-roles.js';
import { h, severityBadge, table } from './parts.js';
import { routingHtml } from './routing.js';
import { optionalSections } from './sections.js';

/**
 * The report as one self-contained HTML page (what S3 stores and `--format html` writes): inline CSS, no
 * script, no external asset, and a Content-Security-Policy that forbids loading any. Every string that can
 * come from AWS goes through `h`.
 */

const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--critical:#8b0000;--high:#cf222e;--medium:#bc4c00;--low:#9a6700;--info:#0969da;--ok:#1a7f37;--unknown:#6e40c9}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:20px 0 6px}h4{font-size:14px;margin:14px 0 4px}
.meta{color:var(--muted);margin:0 0 16px}
.banner{border:1px solid var(--high);background:#fff0f0;padding:10px 14px;border-radius:6px;margin:12px 0}
.note{border:1px solid var(--line);background:var(--soft);padding:10px 14px;border-radius:6px;margin:12px 0}
.verdict{font-size:16px;font-weight:600;padding:10px 14px;border-radius:6px;margin:12px 0}
.verdict.fail{background:#fff0f0;color:var(--high)}.verdict.unknown{background:#f5f0ff;color:var(--unknown)}.verdict.pass{background:#effff4;color:var(--ok)}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:110px;background:var(--soft)}
.card b{display:block;font-size:20px}.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:var(--soft)}table.findings td:first-child{white-space:nowrap}td.num,th.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}.sev.info{background:var(--info)}
.tag{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;border:1px solid var(--line)}
.tag.new{border-color:var(--high);color:var(--high)}
.fix{background:var(--soft);border-left:3px solid var(--info);padding:6px 10px;margin:4px 0 8px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;

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
  const card = (value: string, label: string) =>
    `<div class="card"><b>${value}</b><span>${label}</span></div>`;
  const v = verdict(report);
  return [
    '<h2>Summary</h2>',
    `<div class="verdict ${v.kind}" id="verdict">${h(v.text)}</div>`,
    '<div class="cards" id="summary">',
    ...SEVERITIES.map((severity) =>
      card(String(s.bySeverity[severity]), `${SEVERITY_LABEL[severity]} failed`),
    ),
    card(String(s.unknown), 'Unknown checks'),
    card(String(s.coverageGaps), 'Coverage gaps'),
    card(String(s.functionsAudited), 'Functions audited'),
    card(`${s.vpcFunctions}`, `VPC functions (${plural(s.vpcFunctionVersions, 'version')})`),
    card(s.lambdaEnis === null ? 'n/a' : String(s.lambdaEnis), 'Lambda ENIs'),
    card(String(s.ruleErrors), 'Rule errors'),
    '</div>',
  ].join('\n');
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
    return `<h2>Changes</h2><div class="note">Not compared with the previous report: ${h(c.reason)}</div>`;
  }
  const since =
    c.previous === null
      ? 'This is the first run: every finding is new.'
      : `Compared with run <code>${h(c.previous.runId)}</code> of ${h(c.previous.generatedAt)}.`;
  const parts = [
    '<h2>Changes</h2>',
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

function changeTag(finding: Finding): string {
  if (finding.change === 'new') return '<span class="tag new">new</span>';
  if (finding.firstSeen !== undefined) return `<span class="tag">since ${h(finding.firstSeen)}</span>`;
  return '';
}

function findings(report: Report): string {
  const groups = failedBySeverity(report);
  const parts = [`<h2 id="findings">Findings (${plural(report.summary.failed, 'failed check')})</h2>`];
  if (groups.length === 0) return [...parts, '<p>No check failed.</p>'].join('\n');
  // The change column only when the run was compared with a previous report.
  const compared = report.changes?.status === 'compared';
  for (const group of groups) {
    parts.push(`<h3>${severityBadge(group.severity)} ${group.count}</h3>`);
    for (const rule of group.rules) {
      const rows = rule.findings.map((finding) =>
        compared
          ? [h(finding.resourceId), h(finding.message), changeTag(finding)]
          : [h(finding.resourceId), h(finding.message)],
      );
      parts.push(
        `<h4>${h(rule.title)} <code>${h(rule.ruleId)}</code></h4>`,
        `<div class="fix"><strong>Remediation:</strong> ${h(rule.remediation)}</div>`,
        table(compared ? ['Resource', 'Finding', 'Since'] : ['Resource', 'Finding'], rows, [], 'findings'),
      );
    }
  }
  return parts.join('\n');
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
    `<h2>Unknown checks (${report.summary.unknown})</h2>`,
    '<p>These checks could not be made, so they are not passes.</p>',
    table(['Rule', 'Resources', 'Why'], rows),
  ].join('\n');
}

function ruleErrors(report: Report): string {
  const failed = report.rules.filter((rule) => rule.error !== undefined);
  if (failed.length === 0) return '';
  return [
    `<h2>Rule errors (${failed.length})</h2>`,
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
    `<h2>Coverage gaps (${report.coverage.length})</h2>`,
    '<p>Data that could not be collected; the checks that need it are unknown.</p>',
    table(['API', 'Error code', 'Resource', 'Message'], rows),
  ].join('\n');
}

function rules(report: Report): string {
  if (report.rules.length === 0) return '';
  const rows = report.rules.map((rule) => [
    `<code>${h(rule.id)}</code>`,
    h(rule.title),
    severityBadge(rule.severity),
    String(rule.pass),
    String(rule.fail),
    String(rule.unknown),
    rule.error === undefined ? '' : 'rule failed',
  ]);
  return [
    '<h2>Rules</h2>',
    table(['Rule', 'Title', 'Severity', 'Pass', 'Fail', 'Unknown', 'Error'], rows, [3, 4, 5]),
  ].join('\n');
}

function inventory(report: Report): string {
  const title = `<h2>VPC functions (${report.inventory.length})</h2>`;
  if (report.inventory.length === 0) return `${title}<p>None found.</p>`;
  const rows = report.inventory.map((fn) => inventoryCells(fn, h));
  const headers = [...INVENTORY_HEADERS];
  return `${title}\n${table(headers, rows, [1, 7])}`;
}

/** How the execution roles were checked. */
function executionRoles(report: Report): string {
  if (report.executionRoles === undefined || report.executionRoles.roles === 0) return '';
  const sentences = executionRoleSentences(report.executionRoles).map((s) => `<p>${h(s)}</p>`);
  return ['<h2>Execution roles</h2>', ...sentences].join('\n');
}

/** The whole page. Pure. */
export function renderHtml(report: Report): string {
  const title = `Lambda VPC audit ${report.accountId} ${report.region} ${report.generatedAt}`;
  const sections = [
    header,
    summary,
    changes,
    findings,
    unknownChecks,
    ruleErrors,
    coverage,
    executionRoles,
    rules,
    routingHtml,
    optionalSections,
    inventory,
  ]
    .map((section) => section(report))
    .filter((html) => html !== '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...sections,
    `<footer>Generated by ${h(report.tool.name)} ${h(report.tool.version)}. Report version ${report.reportVersion}.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
