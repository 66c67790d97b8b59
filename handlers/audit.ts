import { createAuditHandler } from '../lib/lambda/handler.js';
import { createRuntime } from '../lib/lambda/runtime.js';

/**
 * The Lambda function's entry (`handler`), for the nightly EventBridge schedule and for direct invokes.
 * The environment is validated here, once, at cold start: a bad value fails the init with a clear message.
 */
export const handler = createAuditHandler(createRuntime(process.env));
