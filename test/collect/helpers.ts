import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { IAMServiceException } from '@aws-sdk/client-iam';
import { LambdaServiceException } from '@aws-sdk/client-lambda';
import type { CollectorContext, CollectProgress } from '../../lib/collect/context.js';
import { CoverageRecorder } from '../../lib/collect/gaps.js';

/** A collector context whose gaps and progress events the test can read. */
export function testContext(): CollectorContext & {
  recorder: CoverageRecorder;
  progress: CollectProgress[];
} {
  const progress: CollectProgress[] = [];
  return { recorder: new CoverageRecorder(), onProgress: (event) => progress.push(event), progress };
}

type ServiceErrorInit = { name: string; message: string; status: number; fault?: 'client' | 'server' };

function errorOptions({ name, message, status, fault }: ServiceErrorInit) {
  return {
    name,
    message,
    $fault: fault ?? (status >= 500 ? 'server' : 'client'),
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
  } as const;
}

/** Errors as the SDK throws them: service exception classes with the AWS code as `name`. */
export const lambdaError = (init: ServiceErrorInit) => new LambdaServiceException(errorOptions(init));
export const ec2Error = (init: ServiceErrorInit) => new EC2ServiceException(errorOptions(init));
export const iamError = (init: ServiceErrorInit) => new IAMServiceException(errorOptions(init));

export const LAMBDA_ACCESS_DENIED = (action: string) =>
  lambdaError({
    name: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: ${action}`,
  });

export const EC2_UNAUTHORIZED = (action: string) =>
  ec2Error({
    name: 'UnauthorizedOperation',
    status: 403,
    message: `You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: ${action} because no identity-based policy allows the ${action} action. Encoded authorization failure message: AbCdEf0123456789`,
  });
