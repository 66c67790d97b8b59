import { createHash } from 'node:crypto';
import { type Finding, SEVERITY_RANK } from '../../../model/finding.js';
import type { Report, RuleSummary } from '../../../model/report.js';
import { failedRules, plural } from '../../assemble/digest.js';
import { resourceArn } from '../arn.js';
import { h, hContent, severityBadge } from './parts.js';

/**
 * The HTML findings table: every failed and unknown check in one table, each row with its evidence, the
 * resource's ARN, the rule's risk and documentation in a collapsed <details>. A small inline script (allowed
 * by its hash in the page's Content-Security-Policy) adds filters by severity, rule and VPC, a search box and
 * sorting by any column; without it the page is a plain table, the filters stay hidden.
 */

export const FINDINGS_SCRIPT = `(() => {
  const table = document.getElementById('findings-table');
  const filters = document.getElementById('filters');
  if (!table || !filters) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const field = (id) => document.getElementById(id);
  const severity = field('filter-severity'), rule = field('filter-rule'), vpc = field('filter-vpc');
  const search = field('filter-text'), count = field('filter-count');
  const apply = () => {
    const words = search.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const d = row.dataset;
      const keep = (!severity.value || d.severity === severity.value) && (!rule.value || d.rule === rule.value) &&
        (!vpc.value || d.vpc === vpc.value) && (!words || row.textContent.toLowerCase().includes(words));
      row.hidden = !keep;
      if (keep) shown += 1;
    }
    count.textContent = shown + ' of ' + rows.length + ' shown';
  };
  for (const control of [severity, rule, vpc, search]) control.addEventListener('input', apply);
  Array.from(table.tHead.rows[0].cells).forEach((th, column) => {
    let descending = column === 0;
    const sort = () => {
      const key = (row) => row.cells[column].dataset.sort || row.cells[column].textContent.trim();
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        const order = isNaN(x) || isNaN(y) ? x.localeCompare(y) : Number(x) - Number(y);
        return descending ? -order : order;
      });
      for (const cell of table.tHead.rows[0].cells) cell.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      descending = !descending;
      body.append(...rows);
    };
    th.tabIndex = 0;
    th.classList.add('sortable');
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); } });
  });
  filters.hidden = false;
  apply();
})();`;

/** The CSP source that allows exactly FINDINGS_SCRIPT and no other script. */
export const FINDINGS_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FINDINGS_SCRIPT).digest('base64')}'`;

/** The VPC a finding is about, from the report's own data: its evidence, the function's or subnet's VPC. */
function vpcOf(
  finding: Finding,
  subnetVpc: ReadonlyMap<string, string>,
  functionVpc: ReadonlyMap<string, string>,
): string {
  if (finding.resourceType === 'vpc') return finding.resourceId;
  const fromEvidence = finding.evidence.vpcId;
  if (typeof fromEvidence === 'string') return fromEvidence;
  if (finding.resourceType === 'subnet') return subnetVpc.get(finding.resourceId) ?? '';
  const subnet = finding.evidence.subnetId;
  if (typeof subnet === 'string' && subnetVpc.has(subnet)) return subnetVpc.get(subnet) ?? '';
  const name = finding.functionName ?? (finding.resourceType === 'function' ? finding.resourceId : undefined);
  return name === undefined ? '' : (functionVpc.get(name) ?? '');
}

function docsLinks(rule: RuleSummary | undefined): string {
  if (rule === undefined || rule.docs.length === 0) return '';
  // The links come from the rule catalogue (our code), never from AWS data.
  return `<p><strong>Documentation:</strong> ${rule.docs.map((doc) => `<a href="${h(doc)}" rel="noreferrer">${h(doc.replace(/^https:\/\//, ''))}</a>`).join(' · ')}</p>`;
}

/** A rule's risk and documentation, as every row of the rule shows them: built once per rule. */
function ruleNotes(rule: RuleSummary | undefined): string {
  return (rule === undefined ? '' : `<p><strong>Risk:</strong> ${h(rule.risk)}</p>`) + docsLinks(rule);
}

function moreCell(finding: Finding, report: Report, notes: string): string {
  return (
    '<details class="more"><summary>Evidence, risk, docs</summary>' +
    `<p><strong>Resource ARN:</strong> <code>${h(resourceArn(finding, report))}</code></p>` +
    notes +
    `<pre>${hContent(JSON.stringify(finding.evidence, null, 2))}</pre></details>`
  );
}

function changeTag(finding: Finding): string {
  if (finding.change === 'new') return ' <span class="tag new">new</span>';
  if (finding.firstSeen !== undefined) return ` <span class="tag">since ${h(finding.firstSeen)}</span>`;
  return '';
}

function row(finding: Finding, report: Report, notes: string, vpc: string): string {
  const status = finding.status === 'unknown' ? ' <span class="tag unknown">unknown</span>' : '';
  return (
    `<tr data-severity="${finding.severity}" data-rule="${h(finding.ruleId)}" data-vpc="${h(vpc)}">` +
    `<td data-label="Severity" data-sort="${SEVERITY_RANK[finding.severity] + (finding.status === 'fail' ? 10 : 0)}">${severityBadge(finding.severity)}${status}</td>` +
    `<td data-label="Rule"><a class="id" href="#fix-${h(finding.ruleId)}">${h(finding.ruleId)}</a></td>` +
    `<td data-label="Resource"><code class="id">${h(finding.resourceId)}</code></td>` +
    `<td data-label="VPC"><code class="id">${h(vpc || '-')}</code></td>` +
    `<td data-label="Finding">${h(finding.message)}${changeTag(finding)}${moreCell(finding, report, notes)}</td>` +
    '</tr>'
  );
}

function options(values: readonly string[]): string {
  return [
    '<option value="">all</option>',
    ...values.map((v) => `<option value="${h(v)}">${h(v)}</option>`),
  ].join('');
}

/** The findings table with its (script-shown) filters; empty when there is nothing to list. */
export function findingsTable(report: Report): string {
  if (report.findings.length === 0) return '<p>No check failed and none was unknown.</p>';
  const notes = new Map(report.rules.map((rule) => [rule.id, ruleNotes(rule)]));
  const subnetVpc = new Map((report.demand?.subnets ?? []).map((s) => [s.subnetId, s.vpcId]));
  const functionVpc = new Map(report.inventory.map((fn) => [fn.name, fn.vpcIds[0] ?? '']));
  const vpcs = report.findings.map((finding) => vpcOf(finding, subnetVpc, functionVpc));
  const severities = [...new Set(report.findings.map((f) => f.severity))];
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const vpcIds = [...new Set(vpcs.filter((v) => v !== ''))].sort();
  const filters =
    '<div class="filters" id="filters" hidden>' +
    `<label>Severity <select id="filter-severity">${options(severities)}</select></label>` +
    `<label>Rule <select id="filter-rule">${options(ruleIds)}</select></label>` +
    `<label>VPC <select id="filter-vpc">${options(vpcIds)}</select></label>` +
    '<label>Search <input type="search" id="filter-text" placeholder="name, id, text"></label>' +
    '<span id="filter-count" aria-live="polite"></span></div>';
  const head =
    '<thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>VPC</th><th>Finding</th></tr></thead>';
  const body = report.findings.map((finding, i) =>
    row(finding, report, notes.get(finding.ruleId) ?? '', vpcs[i] ?? ''),
  );
  return `${filters}<table class="findings" id="findings-table">${head}<tbody>${body.join('\n')}</tbody></table>`;
}

/** Each failed rule's fix, once, worst rule first; the rows' rule links point here. */
export function fixesList(report: Report): string {
  const rules = failedRules(report);
  if (rules.length === 0) return '';
  const items = rules.map(
    (rule) =>
      `<li id="fix-${h(rule.ruleId)}">${severityBadge(rule.severity)} <strong>${h(rule.title)}</strong> ` +
      `<code class="id">${h(rule.ruleId)}</code> (${plural(rule.failed, 'failed check')})` +
      `<div class="fix"><strong>Remediation:</strong> ${h(rule.remediation)}</div></li>`,
  );
  return `<ul class="fixes">${items.join('\n')}</ul>`;
}
