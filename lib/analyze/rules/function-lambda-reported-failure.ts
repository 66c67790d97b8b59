import type { RuleResult } from '../../model/finding.js';
import { functionResult } from '../function-result.js';
import {
  type AnyFunction,
  isUnrecognised,
  isWatchedFailure,
  pointedAt,
  type Reported,
  reportsOf,
  unreadVersionLists,
} from '../lambda-reported.js';
import type { Rule } from '../rule.js';

function versionNote(report: Reported): string {
  return report.version === '$LATEST' ? '' : ` (version ${report.version})`;
}

/** `State and LastUpdateStatus Failed, SubnetOutOfIPAddresses: "reason"`: one version's reports of one code. */
function describe(reports: readonly Reported[]): string {
  const reason = reports.find((report) => report.reason !== null)?.reason;
  const fields = reports.map((report) => report.field).join(' and ');
  return `${fields} Failed, ${reports[0]?.code ?? 'no reason code'}${reason === undefined ? '' : `: "${reason}"`}`;
}

/** The failures of each version and code together: State and LastUpdateStatus often report the same one. */
function grouped(failures: readonly Reported[]): Reported[][] {
  const groups = new Map<string, Reported[]>();
  for (const report of failures) {
    const key = `${report.version}|${report.code}`;
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  return [...groups.values()];
}

export const functionLambdaReportedFailure: Rule = {
  id: 'function-lambda-reported-failure',
  title: 'Lambda reports a VPC function failed for its network or capacity',
  severity: 'critical',
  severities: ['critical', 'info'],
  grading: 'info when only Inactive',
  section: 'configuration',
  finds:
    'a VPC function or version whose `State` or `LastUpdateStatus` Lambda reports `Failed` with a network or ' +
    'capacity reason code (SubnetOutOfIPAddresses, EniLimitExceeded, InsufficientRolePermissions, ' +
    'CapacityProviderScalingLimitExceeded, ...), with the resources the code points at; Inactive ones are listed',
  resourceType: 'function',
  capacityProviders: 'functions',
  requires: ['functions', 'functionDetails'],
  risk:
    'A version Lambda reports Failed for its network cannot be invoked (State) or was not updated (LastUpdateStatus): ' +
    'the subnets have no free address, an ENI or vCPU quota is reached, the role may not create network ' +
    'interfaces, or a subnet or security group is gone. An Inactive function has had its network interfaces ' +
    'reclaimed: its next invocation re-creates them, and fails then if the subnet or the role cannot.',
  remediation:
    'Fix what the reason code names (free addresses or larger subnets, the quota, the role permissions, the ' +
    'subnet or security group, the capacity provider scaling limits), then update the function configuration ' +
    '(or publish the version again) so that Lambda retries.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html',
  ],
  evaluate({ index, snapshot }) {
    const judge = (fn: AnyFunction): RuleResult => {
      const reports = reportsOf(fn, snapshot);
      const failures = reports.filter(isWatchedFailure);
      if (failures.length > 0) {
        const pointers = grouped(failures).map((group) => {
          const [first] = group;
          const pointer = pointedAt(first?.code ?? '', fn, snapshot, index);
          const version = first === undefined ? '' : versionNote(first);
          return {
            sentence: `${fn.name}${version}: Lambda reports ${describe(group)}. ${pointer.text}`.trim(),
            evidence: { version: first?.version, code: first?.code, ...pointer.evidence },
          };
        });
        return functionResult(fn, {
          status: 'fail',
          message: pointers.map((p) => p.sentence).join(' '),
          evidence: { reported: failures, pointsAt: pointers.map((p) => p.evidence) },
        });
      }
      const inactive = reports.filter((report) => report.field === 'State' && report.status === 'Inactive');
      const [firstInactive] = inactive;
      if (firstInactive !== undefined)
        return functionResult(fn, {
          status: 'fail',
          severity: 'info',
          message:
            `${fn.name}${versionNote(firstInactive)} is Inactive: Lambda reclaimed its network interfaces, and its ` +
            'next invocation re-creates them (that needs free addresses in its subnets and the role permissions).',
          evidence: { reported: inactive },
        });
      if (fn.detail === undefined)
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell what Lambda reports about ${fn.name}: GetFunction was not answered for it.`,
          evidence: {},
        });
      const odd = reports.filter(isUnrecognised);
      if (odd.length > 0)
        return functionResult(fn, {
          status: 'unknown',
          message:
            `Cannot tell what Lambda reports about ${fn.name}: ` +
            `${odd.map((r) => `${r.field} "${r.status}"`).join(', ')} is not a documented value.`,
          evidence: { reported: reports },
        });
      const unread = unreadVersionLists(fn, snapshot);
      if (unread.length > 0)
        return functionResult(fn, {
          status: 'unknown',
          message:
            `Cannot tell what Lambda reports about ${fn.name}'s versions on capacity provider ` +
            `${unread.join(', ')}: ListFunctionVersionsByCapacityProvider was not answered for it.`,
          evidence: { reported: reports },
        });
      return functionResult(fn, {
        status: 'pass',
        message: `Lambda reports no network or capacity failure for ${fn.name}.`,
        evidence: { reported: reports },
      });
    };
    return [...index.vpcFunctions.map(judge), ...index.providerFunctions.map(judge)];
  },
};
