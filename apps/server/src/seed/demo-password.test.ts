import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { resolveDemoPassword } from './demo-password.js';

describe('demo password', () => {
  it('keeps a generated password across restarts and follows DEMO_PASSWORD when it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
    const first = resolveDemoPassword(loadConfig({ DATA_DIR: dir }));
    expect(first.changed).toBe(false);
    expect(first.password).toMatch(/[a-z]/);
    expect(first.password).toMatch(/[0-9]/);
    expect(statSync(join(dir, 'demo-password')).mode & 0o777).toBe(0o600);

    expect(resolveDemoPassword(loadConfig({ DATA_DIR: dir }))).toEqual({ password: first.password, changed: false });

    const set = resolveDemoPassword(loadConfig({ DATA_DIR: dir, DEMO_PASSWORD: 'Another-Pass-1' }));
    expect(set).toEqual({ password: 'Another-Pass-1', changed: true });
    expect(readFileSync(join(dir, 'demo-password'), 'utf8').trim()).toBe('Another-Pass-1');
    expect(resolveDemoPassword(loadConfig({ DATA_DIR: dir, DEMO_PASSWORD: 'Another-Pass-1' })).changed).toBe(false);
  });
});
