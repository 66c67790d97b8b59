import type { CoverageRecorder } from './gaps.js';

/** One page (or one single call) of an API has been read; counts are running totals for that API. */
export type CollectProgress = { api: string; pages: number; items: number };
export type ProgressListener = (event: CollectProgress) => void;

/** What every collector gets besides its client: where to record what failed, and whom to tell about progress. */
export type CollectorContext = {
  recorder: CoverageRecorder;
  onProgress?: ProgressListener | undefined;
};
