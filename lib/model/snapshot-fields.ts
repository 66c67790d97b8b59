import * as z from 'zod/mini';

/** The zod shorthands the snapshot parts' schemas are written with. */

export const str = z.string();
export const optStr = z.optional(z.string());
export const optBool = z.optional(z.boolean());
export const strList = z.array(z.string());
