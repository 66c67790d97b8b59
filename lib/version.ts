/** Kept equal to package.json's name and version (a test checks it); written into every snapshot and report. */
export const TOOL = { name: 'lambda-vpc-auditor', version: '0.1.0' } as const;
