import { ACCOUNT_ID, REGION } from '../account.js';
import type { SyntheticFunction } from '../account-types.js';
import { PAGE_LIMITS } from './aws-limits.js';
import type { Routed, ServiceRequest, SimAccount } from './services.js';
import { json, offsetOf, type Reply, tokenFor } from './wire.js';

/** Lambda's REST-JSON API: GET /2015-03-31/functions/, /2015-03-31/functions/{name}, /2016-08-19/account-settings/. */

function configuration(fn: SyntheticFunction) {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${fn.name}`;
  return {
    FunctionName: fn.name,
    FunctionArn: fn.version === '$LATEST' ? arn : `${arn}:${fn.version}`,
    Runtime: 'nodejs22.x',
    Role: fn.role,
    Handler: 'index.handler',
    CodeSize: 1024,
    Timeout: 30,
    MemorySize: fn.memory,
    LastModified: '2026-01-15T10:00:00.000+0000',
    Version: fn.version,
    PackageType: 'Zip',
    Architectures: ['arm64'],
    VpcConfig: { SubnetIds: fn.subnetIds, SecurityGroupIds: fn.securityGroupIds, VpcId: fn.vpcId },
    ...(fn.capacityProvider === undefined
      ? {}
      : {
          CapacityProviderConfig: {
            LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: fn.capacityProvider },
          },
        }),
  };
}

const notFound = (name: string): Reply =>
  json({ Type: 'User', message: `Function not found: ${name}` }, 404, {
    'x-amzn-errortype': 'ResourceNotFoundException',
  });

export const invalidParameter = (message: string): Reply =>
  json({ Type: 'User', message }, 400, { 'x-amzn-errortype': 'InvalidParameterValueException' });

function listFunctions(request: ServiceRequest, sim: SimAccount): Reply {
  const limit = PAGE_LIMITS['lambda:ListFunctions'];
  const asked = request.query.MaxItems === undefined ? limit.whenUnasked : Number(request.query.MaxItems);
  // Lambda accepts a larger MaxItems but never answers more than 50 per page.
  const pageSize = Math.min(asked, limit.max);
  const all = request.query.FunctionVersion === 'ALL' ? sim.account.functions : sim.latest;
  const offset = offsetOf(request.query.Marker);
  const page = all.slice(offset, offset + pageSize);
  const next = offset + page.length;
  return json({
    Functions: page.map(configuration),
    ...(next < all.length ? { NextMarker: tokenFor(next) } : {}),
  });
}

function getFunction(name: string, sim: SimAccount): Reply {
  const fn = sim.functionByName.get(name);
  if (fn === undefined) return notFound(name);
  return json({
    Configuration: { ...configuration(fn), State: 'Active', LastUpdateStatus: 'Successful' },
    Code: {
      RepositoryType: 'S3',
      Location: 'https://awslambda-eu-west-1-tasks.s3.eu-west-1.amazonaws.com/x',
    },
    Tags: { app: name.slice(0, 6), team: 'bench' },
    ...(fn.reserved === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: fn.reserved } }),
  });
}

/** A page of one of the 2025-11-30 lists (50 items at most, as ListFunctions). */
function page<T>(
  request: ServiceRequest,
  api: 'lambda:ListCapacityProviders' | 'lambda:ListFunctionVersionsByCapacityProvider',
  all: readonly T[],
) {
  const limit = PAGE_LIMITS[api];
  const asked = request.query.MaxItems === undefined ? limit.whenUnasked : Number(request.query.MaxItems);
  const offset = offsetOf(request.query.Marker);
  const items = all.slice(offset, offset + Math.min(asked, limit.max));
  const next = offset + items.length;
  return { items, ...(next < all.length ? { NextMarker: tokenFor(next) } : {}) };
}

function listCapacityProviders(request: ServiceRequest, sim: SimAccount): Reply {
  const { items, ...more } = page(request, 'lambda:ListCapacityProviders', sim.account.capacityProviders);
  return json({
    CapacityProviders: items.map((provider) => ({
      CapacityProviderArn: provider.arn,
      State: 'Active',
      VpcConfig: { SubnetIds: provider.subnetIds, SecurityGroupIds: provider.securityGroupIds },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: provider.operatorRole },
      InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: ['m7g.xlarge'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: 'Auto' },
      LastModified: '2026-01-15T10:00:00.000+0000',
    })),
    ...more,
  });
}

function listVersions(request: ServiceRequest, sim: SimAccount, identifier: string): Reply {
  const provider = sim.account.capacityProviders.find((p) => p.arn === identifier || p.name === identifier);
  if (provider === undefined)
    return json({ Type: 'User', message: `Capacity provider not found: ${identifier}` }, 404, {
      'x-amzn-errortype': 'ResourceNotFoundException',
    });
  const { items, ...more } = page(
    request,
    'lambda:ListFunctionVersionsByCapacityProvider',
    provider.versions,
  );
  return json({
    CapacityProviderArn: provider.arn,
    FunctionVersions: items.map((arn) => ({ FunctionArn: arn, State: 'Active' })),
    ...more,
  });
}

export function lambdaService(request: ServiceRequest, sim: SimAccount): Routed {
  const path = request.path.replace(/\/+$/, '');
  if (path === '/2025-11-30/capacity-providers')
    return { api: 'lambda:ListCapacityProviders', answer: () => listCapacityProviders(request, sim) };
  const provider = /^\/2025-11-30\/capacity-providers\/([^/]+)\/function-versions$/.exec(path)?.[1];
  if (provider !== undefined)
    return {
      api: 'lambda:ListFunctionVersionsByCapacityProvider',
      answer: () => listVersions(request, sim, decodeURIComponent(provider)),
    };
  if (path === '/2015-03-31/functions')
    return { api: 'lambda:ListFunctions', answer: () => listFunctions(request, sim) };
  const fn = /^\/2015-03-31\/functions\/([^/]+)$/.exec(path)?.[1];
  if (fn !== undefined)
    return { api: 'lambda:GetFunction', answer: () => getFunction(decodeURIComponent(fn), sim) };
  if (path === '/2016-08-19/account-settings')
    return {
      api: 'lambda:GetAccountSettings',
      answer: () =>
        json({
          AccountLimit: {
            TotalCodeSize: 80_530_636_800,
            CodeSizeUnzipped: 262_144_000,
            CodeSizeZipped: 52_428_800,
            ConcurrentExecutions: 3_000,
            UnreservedConcurrentExecutions: 2_400,
          },
          AccountUsage: { TotalCodeSize: 1_000_000, FunctionCount: sim.latest.length },
        }),
    };
  return {
    api: `lambda:${request.method} ${path}`,
    answer: () => invalidParameter(`The simulation does not answer ${request.method} ${path}.`),
  };
}
