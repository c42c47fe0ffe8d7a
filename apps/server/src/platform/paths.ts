import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The server package directory, found from this file in source and in the bundle alike. */
export function serverRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@vigil/server') {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the @vigil/server package root');
    dir = up;
  }
}

/** A file shipped with the server under `apps/server/seed-data/`. */
export function seedDataPath(name: string): string {
  return join(serverRoot(), 'seed-data', name);
}

/** The built web app, served statically. */
export function webDistPath(): string {
  return join(serverRoot(), '..', 'web', 'dist');
}
