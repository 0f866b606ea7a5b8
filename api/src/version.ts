import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read from the repository's package.json (cwd is the repo root for npm scripts). */
export function readVersion(): string {
  for (const candidate of [path.resolve('package.json'), path.resolve(__dirname, '../../package.json'), path.resolve(__dirname, '../../../package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tandem' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}
