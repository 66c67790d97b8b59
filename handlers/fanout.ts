import { createFanOutRuntime } from '../lib/lambda/fanout-runtime.js';
import { createPlanHandler } from '../lib/lambda/plan.js';
import { createRollupHandler } from '../lib/lambda/rollup.js';

/**
 * The Step Functions fan-out's two tasks around the Distributed Map (infra/fanout-stack.ts): `planHandler`
 * lists the targets, `rollupHandler` rolls their answers up and sends the one alert. The environment is
 * validated once, at cold start.
 */
const runtime = createFanOutRuntime(process.env);

export const planHandler = createPlanHandler(runtime);
export const rollupHandler = createRollupHandler(runtime);
