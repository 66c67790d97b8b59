import { describe, expect, it } from 'vitest';
import { importCycles, readImportGraph } from './import-graph.js';

/**
 * The layers of CONTRIBUTING.md, lowest first. A file may import its own room and the rooms of lower floors;
 * rooms on one floor stand beside each other and do not import each other. The first matching prefix wins.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['lib/errors.ts', 'lib/version.ts', 'lib/run-id.ts'],
  ['lib/model/'],
  // The policy evaluator: pure like lib/analyze, and below it, so the collectors can decide what to simulate.
  ['lib/aws/', 'lib/analyze/policy/'],
  ['lib/analyze/', 'lib/collect/'],
  ['lib/report/assemble/'],
  ['lib/report/render/'],
  ['lib/publish/', 'lib/remediate/'],
  ['lib/settings/'],
  ['lib/audit.ts', 'lib/permissions.ts'],
  ['lib/fanout/'],
  ['lib/lambda/', 'cli/'],
  ['handlers/', 'infra/'],
];

function roomOf(file: string): { room: string; floor: number } | undefined {
  for (const [floor, rooms] of FLOORS.entries()) {
    const room = rooms.find((prefix) => file === prefix || file.startsWith(prefix));
    if (room !== undefined) return { room, floor };
  }
  return undefined;
}

const graph = readImportGraph(process.cwd());

describe('the import graph', () => {
  it('places every source file on a floor', () => {
    const unplaced = [...graph.keys()].filter((file) => roomOf(file) === undefined);
    expect(unplaced, 'add the file to a room of FLOORS (and CONTRIBUTING.md), or move it').toEqual([]);
  });

  it('has no import running up a floor or across to a room beside', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = roomOf(file);
      for (const target of targets) {
        const to = roomOf(target);
        if (from === undefined || to === undefined || from.room === to.room) continue;
        if (to.floor >= from.floor) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});
