import { type Finding, type ResourceType, SEVERITIES, type Severity } from '../../model/finding.js';
import type { InventoryFunction, Report } from '../../model/report.js';

/** Groupings and sentences every human-readable renderer shows the same way, derived from a Report. */

export interface RuleGroup {
  ruleId: string;
  title: string;
  /** Once per group: every finding of a rule shares its remediation. */
  remediation: string;
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  rules: RuleGroup[];
  count: number;
}

export interface UnknownReason {
  message: string;
  resources: number;
}

export interface UnknownGroup {
  ruleId: string;
  title: string;
  resourceType: ResourceType | 'mixed';
  resources: number;
  /** Distinct reasons, most frequent first. */
  reasons: UnknownReason[];
}

export type VerdictKind = 'fail' | 'unknown' | 'pass';

export interface Verdict {
  kind: VerdictKind;
  text: string;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A severity as a heading or a column names it. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Why an incomplete report is no all-clear; every format's incomplete banner says it. */
export const INCOMPLETE_SCOPE =
  'Only what was collected was checked; anything else was neither passed nor failed.';

const RESOURCE_NOUNS: Record<ResourceType | 'mixed', [string, string]> = {
  function: ['function', 'functions'],
  subnet: ['subnet', 'subnets'],
  vpc: ['VPC', 'VPCs'],
  'security-group': ['security group', 'security groups'],
  'network-interface': ['network interface', 'network interfaces'],
  role: ['role', 'roles'],
  'nat-gateway': ['NAT gateway', 'NAT gateways'],
  'capacity-provider': ['capacity provider', 'capacity providers'],
  account: ['account', 'accounts'],
  mixed: ['resource', 'resources'],
};

export function resourceCount(count: number, type: ResourceType | 'mixed'): string {
  const [one, many] = RESOURCE_NOUNS[type];
  return plural(count, one, many);
}

function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId);
    if (group) group.findings.push(finding);
    else
      groups.set(finding.ruleId, {
        ruleId: finding.ruleId,
        title: finding.title,
        remediation: finding.remediation,
        findings: [finding],
      });
  }
  return [...groups.values()];
}

/** Failed findings by severity, worst first, then by rule in report order; empty severities left out. */
export function failedBySeverity(report: Report): SeverityGroup[] {
  const failed = report.findings.filter((finding) => finding.status === 'fail');
  return SEVERITIES.flatMap((severity) => {
    const findings = failed.filter((finding) => finding.severity === severity);
    return findings.length === 0 ? [] : [{ severity, rules: groupByRule(findings), count: findings.length }];
  });
}

/** A rule that failed somewhere: its fix once, however many severities its findings carry. */
export interface FailedRule {
  ruleId: string;
  title: string;
  remediation: string;
  /** Its worst failed severity: the rules come worst first. */
  severity: Severity;
  failed: number;
}

/** Every rule with a failed finding, once each, in the order of its worst finding (the report's order). */
export function failedRules(report: Report): FailedRule[] {
  const rules = new Map<string, FailedRule>();
  for (const finding of report.findings) {
    if (finding.status !== 'fail') continue;
    const rule = rules.get(finding.ruleId);
    if (rule) rule.failed += 1;
    else
      rules.set(finding.ruleId, {
        ruleId: finding.ruleId,
        title: finding.title,
        remediation: finding.remediation,
        severity: finding.severity,
        failed: 1,
      });
  }
  return [...rules.values()];
}

/** Unknown findings by rule, with their distinct reasons. */
export function unknownByRule(report: Report): UnknownGroup[] {
  const unknown = report.findings.filter((finding) => finding.status === 'unknown');
  return groupByRule(unknown).map((group) => {
    const reasons = new Map<string, number>();
    for (const finding of group.findings)
      reasons.set(finding.message, (reasons.get(finding.message) ?? 0) + 1);
    const types = new Set(group.findings.map((finding) => finding.resourceType));
    const [onlyType] = types;
    return {
      ruleId: group.ruleId,
      title: group.title,
      resourceType: types.size === 1 && onlyType !== undefined ? onlyType : 'mixed',
      resources: group.findings.length,
      reasons: [...reasons]
        .map(([message, resources]) => ({ message, resources }))
        .sort((a, b) => b.resources - a.resources),
    };
  });
}

/** Distinct reasons shown per rule where unknown checks are tabled; the JSON report has every one. */
const UNKNOWN_REASONS_SHOWN = 3;

/**
 * The reasons cell of an unknown-checks row: the most frequent reasons, each passed through the format's
 * `escapeText`, then how many more there are; joined with `<br>` (Markdown and HTML both break on it).
 */
export function unknownReasonsCell(group: UnknownGroup, escapeText: (text: string) => string): string {
  const shown = group.reasons.slice(0, UNKNOWN_REASONS_SHOWN).map((reason) => escapeText(reason.message));
  const hidden = group.reasons.length - shown.length;
  if (hidden > 0) shown.push(`… and ${plural(hidden, 'other reason')}`);
  return shown.join('<br>');
}

/** Every check made or attempted: one per rule and resource in scope. */
export function totalChecks(report: Report): number {
  return report.rules.reduce((sum, rule) => sum + rule.pass + rule.fail + rule.unknown, 0);
}

/** `1 critical, 2 high`: the failed checks of each severity that has any. */
export function failedBreakdown(bySeverity: Record<Severity, number>): string {
  return SEVERITIES.filter((severity) => bySeverity[severity] > 0)
    .map((severity) => `${bySeverity[severity]} ${severity}`)
    .join(', ');
}

/**
 * The one-sentence outcome. An all-clear always states the unknown count, and unknowns never read as a pass:
 * a check that could not be made is not a check that passed.
 */
export function verdict(report: Report): Verdict {
  const { failed, unknown } = report.summary;
  const total = totalChecks(report);
  const scope = report.incomplete ? ' (of what was collected; the report is incomplete)' : '';
  if (failed > 0) {
    const unknownPart = unknown > 0 ? `; ${unknown} more could not be made (unknown)` : '';
    return {
      kind: 'fail',
      text: `${plural(failed, 'check')} failed (${failedBreakdown(report.summary.bySeverity)})${unknownPart}.`,
    };
  }
  if (unknown > 0) {
    return {
      kind: 'unknown',
      text:
        `No check failed, but ${unknown} of ${plural(total, 'check')} could not be made (unknown)${scope}: ` +
        'this is not a clean pass.',
    };
  }
  return { kind: 'pass', text: `All ${plural(total, 'check')} passed${scope}; 0 unknown.` };
}

export const INVENTORY_HEADERS = [
  'Function',
  'Memory (MB)',
  'Runtime',
  'VPC',
  'Networking',
  'Subnets (AZ)',
  'Security groups',
  'State',
  'Reserved',
  'Versions',
] as const;

/** "VpcConfig", or "capacity provider pool-a": how the function reaches its subnets. */
export function networkingText(
  fn: InventoryFunction,
  escapeText: (text: string) => string = (t) => t,
): string {
  if (fn.networking === 'vpc-config') return 'VpcConfig';
  const noun = fn.capacityProviders.length === 1 ? 'capacity provider' : 'capacity providers';
  return `${noun} ${escapeText(fn.capacityProviders.join(', '))}`;
}

/** One inventory row, each string from AWS passed through the format's `escapeText`; subnets joined with `<br>`. */
export function inventoryCells(fn: InventoryFunction, escapeText: (text: string) => string): string[] {
  const subnets = fn.subnets
    .map(
      (s) =>
        `${escapeText(s.subnetId)} (${s.availabilityZone === null ? 'AZ unknown' : escapeText(s.availabilityZone)})`,
    )
    .join('<br>');
  return [
    escapeText(fn.name),
    String(fn.memorySize),
    fn.runtime === null ? '-' : escapeText(fn.runtime),
    fn.vpcIds.length === 0 ? '-' : escapeText(fn.vpcIds.join(', ')),
    networkingText(fn, escapeText),
    subnets,
    escapeText(fn.securityGroups.join(', ')),
    fn.state === null ? 'n/a' : escapeText(fn.state),
    fn.reservedConcurrency === null ? '-' : String(fn.reservedConcurrency),
    escapeText(fn.versions.join(', ')),
  ];
}
