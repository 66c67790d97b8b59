import { createDiscoveryDeps } from '../collect/discovery.js';
import { createPublishClients } from '../publish/clients.js';
import { topicRegion } from '../publish/config.js';
import { loadFanOutConfig } from './fanout-config.js';
import type { PlanDeps } from './plan.js';
import { createPowertools } from './powertools.js';
import type { RollupDeps } from './rollup.js';

/** The planning and roll-up functions' dependencies, built once per execution environment. */
export function createFanOutRuntime(
  env: Readonly<Record<string, string | undefined>>,
): PlanDeps & RollupDeps {
  const config = loadFanOutConfig(env);
  const { logger, tracer } = createPowertools(env);
  const instrument = (client: object) => tracer.captureAWSv3Client(client);
  const topicArn = config.lambda.publish.topicArn;
  const clients = createPublishClients({
    region: config.lambda.region,
    instrument,
    ...(topicArn === undefined ? {} : { snsRegion: topicRegion(topicArn) }),
  });
  return {
    config,
    logger,
    s3: clients.s3,
    sns: clients.sns,
    discovery: (runId) => createDiscoveryDeps({ homeRegion: config.lambda.region, runId, instrument }),
    now: () => new Date(),
  };
}
