import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { TOOL } from '../version.js';

/**
 * Powertools for the handler, in the plain function style (no decorators, no middy). Each reads its
 * standard environment variables: POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_NAMESPACE,
 * POWERTOOLS_TRACE_ENABLED (false in tests), POWERTOOLS_SERVICE_NAME.
 */
export interface Powertools {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

export const DEFAULT_METRICS_NAMESPACE = 'LambdaVpcAuditor';

export function createPowertools(env: Readonly<Record<string, string | undefined>>): Powertools {
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? TOOL.name;
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({
      serviceName,
      namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
    }),
    tracer: new Tracer({ serviceName }),
  };
}

/** Runs `work` in a `## handler` subsegment with the cold-start and service annotations (manual style). */
export async function traced<T>(tracer: Tracer, work: () => Promise<T>): Promise<T> {
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment('## handler');
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) tracer.addErrorAsMetadata(error);
    throw error;
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
  }
}
