/**
 * One AWS account and region as the auditor's read APIs answer for it, built from a Snapshot (the demo account
 * by default): every Describe/List/Get the collectors make gets AWS's wire format back, paginated, with the
 * paging quirks a scenario asks for. Pure: the server owns the state that changes (objects, messages).
 */
import type { NetworkInterface, Snapshot } from '../../../lib/model/snapshot.js';
import {
  ec2Reply,
  ec2Xml,
  errorReply,
  escapeXml,
  jsonReply,
  type Protocol,
  queryReply,
  type Reply,
} from './wire.js';

export interface FakeAccount {
  snapshot: Snapshot;
  /** Every ENI of the region as DescribeNetworkInterfaces lists it: the Lambda ones and all the others. */
  networkInterfaces: NetworkInterface[];
}

/**
 * The account a snapshot describes. Its Lambda ENIs are joined by plain ones of each other interface type, so a
 * collection counts the region's ENIs exactly as the snapshot's `networkInterfaceCounts` says.
 */
export function accountFrom(snapshot: Snapshot): FakeAccount {
  const lambdaEnis = snapshot.networkInterfaces ?? [];
  const others: NetworkInterface[] = [];
  for (const [type, count] of Object.entries(snapshot.networkInterfaceCounts?.byInterfaceType ?? {})) {
    const listed = lambdaEnis.filter((eni) => (eni.InterfaceType ?? 'interface') === type).length;
    for (let i = 0; i < count - listed; i += 1) {
      others.push({
        NetworkInterfaceId: `eni-${type.replace(/[^a-z]/g, '')}${String(i).padStart(6, '0')}`,
        InterfaceType: type,
        Status: 'in-use',
        Groups: [],
      });
    }
  }
  return { snapshot, networkInterfaces: [...lambdaEnis, ...others] };
}

/** How a scenario bends an API's pagination. */
export interface PagingQuirks {
  /** Items per page whatever the caller asked for (AWS may always return fewer than MaxResults). */
  pageSize?: number;
  /** `same`: a page hands back the token it was asked with; `cycle`: tokens go A, B, A, B, ... */
  repeatToken?: 'same' | 'cycle';
  /** Every page after the first starts again with the last item of the page before it. */
  duplicateAcrossPages?: boolean;
}

/** A cycling endpoint stops after this many pages, so a collector that does not notice cannot hang the suite. */
export const CYCLE_LIMIT = 40;

export interface Request {
  service: string;
  action: string;
  /** Query-protocol parameters, or a REST call's query string. */
  params: URLSearchParams;
  /** A JSON protocol's body. */
  json: Record<string, unknown>;
  /** A REST call's path. */
  path: string;
}

type Page<T> = { items: T[]; next: string | undefined };

function paginate<T>(
  items: readonly T[],
  token: string | null | undefined,
  requested: number | undefined,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Page<T> {
  const size = Math.max(1, quirks?.pageSize ?? requested ?? items.length);
  const offsetOf = (value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') return 0;
    const match = /(\d+)$/.exec(value);
    return match ? Number(match[1]) : 0;
  };
  const offset = offsetOf(token);
  const start = quirks?.duplicateAcrossPages && offset > 0 ? offset - 1 : offset;
  const pageItems = items.slice(start, offset + size);
  const end = offset + size;
  if (quirks?.repeatToken === 'same' && token) return { items: pageItems, next: token };
  if (quirks?.repeatToken === 'cycle') {
    if (pagesServed >= CYCLE_LIMIT) return { items: pageItems, next: undefined };
    return { items: pageItems, next: token?.startsWith('A') ? `B-${size}` : `A-${size}` };
  }
  return { items: pageItems, next: end < items.length ? `t-${end}` : undefined };
}

const numberParam = (value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? undefined : Number(value);

/** `Name.1`, `Name.2`, ... (EC2) or `Name.member.1`, ... (AWS query) values, in order. */
function listParam(params: URLSearchParams, prefix: string): string[] {
  const values: [number, string][] = [];
  for (const [key, value] of params) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`).exec(key);
    if (match) values.push([Number(match[1]), value]);
  }
  return values.sort(([a], [b]) => a - b).map(([, value]) => value);
}

/** EC2 `Filter.N.Name` / `Filter.N.Value.M` as name -> values. */
function ec2Filters(params: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const [key, name] of params) {
    const match = /^Filter\.(\d+)\.Name$/.exec(key);
    if (match) filters.set(name, listParam(params, `Filter.${match[1]}.Value`));
  }
  return filters;
}

function ec2List(
  action: string,
  setName: string,
  items: readonly unknown[],
  request: Request,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Reply {
  const page = paginate(
    items,
    request.params.get('NextToken'),
    numberParam(request.params.get('MaxResults')),
    quirks,
    pagesServed,
  );
  const next = page.next === undefined ? '' : `<nextToken>${escapeXml(page.next)}</nextToken>`;
  return ec2Reply(action, `<${setName}>${ec2Xml(page.items)}</${setName}>${next}`);
}

const notFound = (protocol: Protocol, code: string, message: string) =>
  errorReply(protocol, 400, code, message);

function answerEc2(
  account: FakeAccount,
  request: Request,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Reply {
  const s = account.snapshot;
  const list = (setName: string, items: readonly unknown[]) =>
    ec2List(request.action, setName, items, request, quirks, pagesServed);
  switch (request.action) {
    case 'DescribeVpcs':
      return list('vpcSet', s.vpcs ?? []);
    case 'DescribeSubnets':
      return list(
        'subnetSet',
        (s.subnets ?? []).map(({ Ipv6CidrBlocks, ...subnet }) => ({
          ...subnet,
          Ipv6CidrBlockAssociationSet: (Ipv6CidrBlocks ?? []).map((block) => ({
            Ipv6CidrBlock: block,
            Ipv6CidrBlockState: { State: 'associated' },
          })),
        })),
      );
    case 'DescribeRouteTables':
      return list('routeTableSet', s.routeTables ?? []);
    case 'DescribeInternetGateways':
      return list('internetGatewaySet', s.internetGateways ?? []);
    case 'DescribeNatGateways':
      return list('natGatewaySet', s.natGateways ?? []);
    case 'DescribeVpcEndpoints':
      return list('vpcEndpointSet', s.vpcEndpoints ?? []);
    case 'DescribeSecurityGroups': {
      const ids = ec2Filters(request.params).get('group-id');
      const groups = (s.securityGroups ?? []).filter(
        (group) => ids === undefined || ids.includes(group.GroupId),
      );
      return list('securityGroupInfo', groups);
    }
    case 'DescribeNetworkInterfaces': {
      const ids = listParam(request.params, 'NetworkInterfaceId');
      if (ids.length === 0) return list('networkInterfaceSet', account.networkInterfaces);
      const found = account.networkInterfaces.filter((eni) => ids.includes(eni.NetworkInterfaceId));
      if (found.length < ids.length)
        return notFound(
          'ec2',
          'InvalidNetworkInterfaceID.NotFound',
          `The networkInterface ID '${ids.find((id) => !found.some((eni) => eni.NetworkInterfaceId === id))}' does not exist`,
        );
      return ec2Reply(request.action, `<networkInterfaceSet>${ec2Xml(found)}</networkInterfaceSet>`);
    }
    case 'DescribeVpcAttribute': {
      const vpcId = request.params.get('VpcId') ?? '';
      const attributes = s.vpcAttributes?.[vpcId];
      if (attributes === undefined)
        return notFound('ec2', 'InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
      const attribute = request.params.get('Attribute');
      const value =
        attribute === 'enableDnsSupport' ? attributes.EnableDnsSupport : attributes.EnableDnsHostnames;
      const element = attribute === 'enableDnsSupport' ? 'enableDnsSupport' : 'enableDnsHostnames';
      return ec2Reply(
        request.action,
        `<vpcId>${escapeXml(vpcId)}</vpcId>${value === undefined ? '' : `<${element}><value>${value}</value></${element}>`}`,
      );
    }
    default:
      return notImplemented('ec2', request.action);
  }
}

export function notImplemented(service: string, action: string): Reply {
  return errorReply(
    'ec2',
    501,
    'InternalFailure',
    `API action '${action}' for service '${service}' not yet implemented`,
  );
}

function answerLambda(
  account: FakeAccount,
  request: Request,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Reply {
  const s = account.snapshot;
  if (request.action === 'ListFunctions') {
    const page = paginate(
      s.functions ?? [],
      request.params.get('Marker'),
      numberParam(request.params.get('MaxItems')),
      quirks,
      pagesServed,
    );
    return jsonReply({
      Functions: page.items,
      ...(page.next === undefined ? {} : { NextMarker: page.next }),
    });
  }
  if (request.action === 'GetAccountSettings') {
    const settings = s.accountSettings;
    return jsonReply({
      AccountLimit: {
        ...(settings ?? {}),
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
      },
      AccountUsage: { TotalCodeSize: 1_000_000, FunctionCount: (s.functions ?? []).length },
    });
  }
  if (request.action === 'GetFunction') {
    const name = decodeURIComponent(request.path.split('/').pop() ?? '');
    const records = (s.functions ?? []).filter((record) => record.FunctionName === name);
    const configuration = records.find((record) => record.Version === '$LATEST') ?? records[0];
    if (configuration === undefined)
      return errorReply('rest-json', 404, 'ResourceNotFoundException', `Function not found: ${name}`);
    const detail = s.functionDetails?.[name];
    return jsonReply({
      Configuration: {
        ...configuration,
        State: detail?.State,
        StateReasonCode: detail?.StateReasonCode,
        StateReason: detail?.StateReason,
        LastUpdateStatus: detail?.LastUpdateStatus,
      },
      Code: {
        RepositoryType: 'S3',
        Location: 'https://awslambda-eu-west-1-tasks.s3.amazonaws.com/snapshots/x',
      },
      ...(detail?.Tags === null || detail === undefined ? {} : { Tags: detail.Tags }),
      ...(detail?.ReservedConcurrentExecutions === undefined
        ? {}
        : { Concurrency: { ReservedConcurrentExecutions: detail.ReservedConcurrentExecutions } }),
    });
  }
  return errorReply('rest-json', 501, 'InternalFailure', `${request.action} is not implemented here`);
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

function answerIam(
  account: FakeAccount,
  request: Request,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Reply {
  const s = account.snapshot;
  if (request.action === 'ListRoles') {
    const page = paginate(
      s.roles ?? [],
      request.params.get('Marker'),
      numberParam(request.params.get('MaxItems')),
      quirks,
      pagesServed,
    );
    const element = (name: string, value: string | undefined) =>
      value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
    const members = page.items
      .map(
        (role) =>
          `<member><Path>/</Path>${element('RoleName', role.RoleName)}${element('RoleId', role.RoleId)}${element('Arn', role.Arn)}<CreateDate>2024-01-01T00:00:00Z</CreateDate></member>`,
      )
      .join('');
    const more =
      page.next === undefined
        ? '<IsTruncated>false</IsTruncated>'
        : `<IsTruncated>true</IsTruncated><Marker>${escapeXml(page.next)}</Marker>`;
    return queryReply('ListRoles', IAM_NS, `${more}<Roles>${members}</Roles>`);
  }
  if (request.action === 'SimulatePrincipalPolicy') {
    const roleArn = request.params.get('PolicySourceArn') ?? '';
    const decisions = s.rolePermissions?.[roleArn] ?? {};
    const results = listParam(request.params, 'ActionNames.member')
      .map(
        (action) =>
          `<member><EvalActionName>${escapeXml(action)}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>${decisions[action] ?? 'implicitDeny'}</EvalDecision></member>`,
      )
      .join('');
    return queryReply(
      'SimulatePrincipalPolicy',
      IAM_NS,
      `<IsTruncated>false</IsTruncated><EvaluationResults>${results}</EvaluationResults>`,
    );
  }
  return notImplemented('iam', request.action);
}

function answerCloudWatch(account: FakeAccount, request: Request): Reply {
  if (request.action !== 'GetMetricData') return notImplemented('monitoring', request.action);
  const metrics = account.snapshot.metrics;
  const queries = Array.isArray(request.json.MetricDataQueries) ? request.json.MetricDataQueries : [];
  const results = queries.map(
    (query: { Id?: string; MetricStat?: { Metric?: { Dimensions?: { Value?: string }[] } } }) => {
      const functionName = query.MetricStat?.Metric?.Dimensions?.[0]?.Value;
      const series = functionName === undefined ? metrics?.account : metrics?.functions[functionName];
      const daily = series?.daily ?? [];
      return {
        Id: query.Id,
        Label: functionName ?? 'ConcurrentExecutions',
        Timestamps: daily.map((point) => Date.parse(`${point.date}T00:00:00Z`) / 1000),
        Values: daily.map((point) => point.max),
        StatusCode: 'Complete',
      };
    },
  );
  return jsonReply({ MetricDataResults: results, Messages: [] }, 'json-1.0');
}

function answerQuotas(account: FakeAccount, request: Request): Reply {
  if (request.action !== 'GetServiceQuota') return notImplemented('servicequotas', request.action);
  const serviceCode = String(request.json.ServiceCode ?? '');
  const quotaCode = String(request.json.QuotaCode ?? '');
  const quotas = account.snapshot.quotas;
  const value =
    quotaCode === 'L-9FEE3D26'
      ? quotas?.lambdaEnisPerVpc
      : quotaCode === 'L-DF5E4CA3'
        ? quotas?.networkInterfacesPerRegion
        : null;
  if (value === null || value === undefined)
    return errorReply('json-1.1', 400, 'NoSuchResourceException', `No quota ${serviceCode}/${quotaCode}.`);
  return jsonReply(
    {
      Quota: {
        ServiceCode: serviceCode,
        QuotaCode: quotaCode,
        QuotaName: quotaCode,
        Value: value,
        Adjustable: true,
      },
    },
    'json-1.1',
  );
}

function answerSts(account: FakeAccount, request: Request): Reply {
  if (request.action !== 'GetCallerIdentity') return notImplemented('sts', request.action);
  const id = account.snapshot.meta.accountId;
  return queryReply(
    'GetCallerIdentity',
    'https://sts.amazonaws.com/doc/2011-06-15/',
    `<Arn>arn:aws:sts::${id}:assumed-role/auditor/session</Arn><UserId>AROAFAKE:session</UserId><Account>${id}</Account>`,
  );
}

/** The answer to one read, paginated with the scenario's quirks; `pagesServed` counts this API's pages so far. */
export function answerRead(
  account: FakeAccount,
  request: Request,
  quirks: PagingQuirks | undefined,
  pagesServed: number,
): Reply {
  switch (request.service) {
    case 'ec2':
      return answerEc2(account, request, quirks, pagesServed);
    case 'lambda':
      return answerLambda(account, request, quirks, pagesServed);
    case 'iam':
      return answerIam(account, request, quirks, pagesServed);
    case 'monitoring':
      return answerCloudWatch(account, request);
    case 'servicequotas':
      return answerQuotas(account, request);
    case 'sts':
      return answerSts(account, request);
    default:
      return notImplemented(request.service, request.action);
  }
}
