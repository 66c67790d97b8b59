import type { CleanupMode } from '../model/cleanup.js';

/** What a cleanup run is asked to do (lib/settings/cleanup.ts validates it and holds the default age). */
export interface CleanupOptions {
  mode: CleanupMode;
  /** Whole hours since the orphan was first reported; 0 allows an orphan first seen in this run. */
  minOrphanAgeHours: number;
}
