import { numberIn, withDefault } from './values.js';

/**
 * `can-delete --wait <minutes>` and `--interval <seconds>`: how long to wait for Lambda to remove the ENIs it
 * removes by itself, and how often to look again.
 */

/** A day: Lambda documents 20 minutes and Terraform waits 45; a longer wait is a typo more likely than a plan. */
export const MAX_WAIT_MINUTES = 1440;

export const WaitMinutesSchema = numberIn('the wait (minutes)', {
  min: 0,
  max: MAX_WAIT_MINUTES,
  minExclusive: true,
});

export const WAIT_HELP =
  're-read the interfaces that Lambda removes by itself until the resource is free, for at most this many minutes (45 covers what AWS observed)';

/**
 * One filtered DescribeNetworkInterfaces per round: every 15 s is a few hundred calls in 45 minutes, far under
 * EC2's 20 a second, and leaves the account's bucket to the deploy tools waiting on the same interfaces.
 */
export const DEFAULT_INTERVAL_SECONDS = 15;

export const IntervalSecondsSchema = numberIn(
  'the interval (seconds)',
  { min: 1, max: 300 },
  { integer: true },
);

export const INTERVAL_HELP = withDefault('seconds between re-reads while waiting', DEFAULT_INTERVAL_SECONDS);
