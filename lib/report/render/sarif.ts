import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../../model/finding.js';
import type { Report, RuleSummary } from '../../model/report.js';
import { verdict } from '../assemble/digest.js';
import { resourceArn } from './arn.js';
import { UNSAFE_CHARACTERS, withoutUnsafeCharacters } from './escape.js';

/**
 * The report as a SARIF 2.1.0 log, for code-scanning pipelines: one rule per auditor rule (its title, risk,
 * fix and documentation), one result per failed check (kind `fail`) and per check that could not be made
 * (kind `open`, level `none`: not a pass), located at the resource's ARN. Pure.
 * SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning ranks security results by `security-severity` (a CVSS-like score: over 9 critical,
 * 7 to 8.9 high, 4 to 6.9 medium, 0.1 to 3.9 low).
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const text = (value: string): string => value.replace(UNSAFE_CHARACTERS, '\uFFFD');

function ruleOf(rule: RuleSummary): ReportingDescriptor {
  const worst = rule.severities[0] ?? rule.severity;
  const severities = rule.severities.join(' / ') + (rule.grading === undefined ? '' : ` (${rule.grading})`);
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.risk },
    help: {
      text: `${rule.remediation}\n\nSeverity: ${severities}.${rule.docs.map((doc) => `\n${doc}`).join('')}`,
      markdown: `${rule.remediation}\n\nSeverity: ${severities}.${rule.docs.map((doc) => `\n- <${doc}>`).join('')}`,
    },
    ...(rule.docs[0] === undefined ? {} : { helpUri: rule.docs[0] }),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'aws', 'lambda', rule.resourceType],
      'security-severity': SECURITY_SEVERITY[worst],
      severities: rule.severities,
    },
  };
}

function resultOf(finding: Finding, report: Report, ruleIndex: ReadonlyMap<string, number>): Result {
  const arn = resourceArn(finding, report);
  const index = ruleIndex.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    kind: finding.status === 'fail' ? 'fail' : 'open',
    level: finding.status === 'fail' ? LEVEL[finding.severity] : 'none',
    message: { text: text(finding.message) },
    locations: [
      {
        // An AWS resource is no file: its ARN is the location's URI, and its logical location names it.
        physicalLocation: { artifactLocation: { uri: encodeURI(arn) } },
        logicalLocations: [
          { name: text(finding.resourceId), fullyQualifiedName: arn, kind: finding.resourceType },
        ],
      },
    ],
    // Stable across runs (rule and resource), so a pipeline tracks one alert per failing resource.
    partialFingerprints: { 'lambdaVpcAuditorKey/v1': finding.key },
    properties: {
      severity: finding.severity,
      status: finding.status,
      resourceId: finding.resourceId,
      resourceArn: arn,
      evidence: withoutUnsafeCharacters(finding.evidence),
      ...(finding.functionName === undefined ? {} : { functionName: finding.functionName }),
      ...(finding.firstSeen === undefined ? {} : { firstSeen: finding.firstSeen }),
    },
  };
}

/** Coverage gaps and rule errors, as the tool's notifications: what the run could not look at. */
function notifications(report: Report): Notification[] {
  return [
    ...report.coverage.map(
      (gap): Notification => ({
        level: 'warning',
        descriptor: { id: 'coverage-gap' },
        message: {
          text: text(
            `${gap.api} ${gap.errorCode} (${gap.resource ?? `all ${gap.part}`}): ${gap.message}. ` +
              'Checks that needed it are unknown.',
          ),
        },
      }),
    ),
    ...report.rules.flatMap((rule): Notification[] =>
      rule.error === undefined
        ? []
        : [{ level: 'error', descriptor: { id: 'rule-error' }, message: { text: text(rule.error) } }],
    ),
  ];
}

/** The SARIF log as pretty JSON with a trailing newline. */
export function renderSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map(ruleOf),
          },
        },
        // The category of this run's results: one account and region.
        automationDetails: {
          id: `${report.tool.name}/${report.accountId}/${report.region}/${report.runId}`,
          description: { text: verdict(report).text },
        },
        invocations: [
          {
            executionSuccessful: report.incomplete === undefined && report.summary.ruleErrors === 0,
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: notifications(report),
            ...(report.incomplete === undefined
              ? {}
              : { exitCodeDescription: text(`incomplete: ${report.incomplete.reason}`) }),
          },
        ],
        results: report.findings.map((finding) => resultOf(finding, report, ruleIndex)),
        properties: {
          accountId: report.accountId,
          region: report.region,
          capturedAt: report.capturedAt,
          summary: report.summary,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
