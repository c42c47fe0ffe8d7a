// Bundles the server (and the workspace packages it imports) into dist/; npm packages stay external.
import { build } from 'esbuild';

const common = {
  absWorkingDir: new URL('.', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  alias: {
    '@vigil/shared': '../../packages/shared/src/index.ts',
    '@vigil/geo': '../../packages/geo/src/index.ts',
    '@vigil/cap/signature': '../../packages/cap/src/signature.ts',
    '@vigil/cap': '../../packages/cap/src/index.ts',
  },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' }, outdir: 'dist' });
