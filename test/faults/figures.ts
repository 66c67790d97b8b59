/**
 * The suite's own account of what it tried: each fault group prints one `[reliability]` line with its counts,
 * which the README's reliability section quotes (run `npx vitest run test/faults test/security`).
 */
export function printFigures(group: string, figures: Record<string, number | string>): void {
  const parts = Object.entries(figures).map(([name, value]) => `${name}=${value}`);
  console.log(`[reliability] ${group}: ${parts.join(', ')}`);
}
