// The e2e run's results folder: emptied at the start of each run (only that folder: test-results/ also holds the
// fuzz reports and the demo screenshot).
import { mkdirSync, rmSync } from 'node:fs';

export function freshResultsDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
