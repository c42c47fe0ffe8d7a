// Runs the browser journeys in e2e/ (added with the web app).
import { existsSync, readdirSync } from 'node:fs';
const specs = existsSync('e2e') ? readdirSync('e2e').filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('e2e: no journeys yet');
  process.exit(0);
}
