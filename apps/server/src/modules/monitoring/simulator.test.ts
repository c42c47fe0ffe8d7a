import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from './simulator.js';

describe('parseSimulatorArgs', () => {
  it('has defaults that need no option at all', () => {
    expect(parseSimulatorArgs([], { PORT: '9000', DEMO_PASSWORD: 'Demo-Pass-1' })).toMatchObject({
      devices: null,
      rate: 0.1,
      broker: null,
      durationS: null,
      api: 'http://127.0.0.1:9000',
      user: 'analyst',
      password: 'Demo-Pass-1',
      qos: 1,
      rates: { spike: 0.002, drift: 0.0005, flat: 0.001, dropout: 0.0005 },
    });
  });

  it('reads the documented options', () => {
    const o = parseSimulatorArgs(
      [
        '--devices',
        '1000',
        '--rate',
        '10',
        '--broker',
        'mqtt://127.0.0.1:1883',
        '--duration',
        '60',
        '--qos',
        '0',
        '--seed',
        '7',
        '--spike',
        '0.05',
        '--api',
        'http://x:1/',
      ],
      {},
    );
    expect(o).toMatchObject({
      devices: 1000,
      rate: 10,
      broker: 'mqtt://127.0.0.1:1883',
      durationS: 60,
      qos: 0,
      seed: 7,
      api: 'http://x:1',
    });
    expect(o.rates.spike).toBe(0.05);
  });

  it.each([
    [['--devices', '0'], '--devices expects a number from 1'],
    [['--rate', 'fast'], '--rate expects a number'],
    [['--rate'], '--rate expects a value'],
    [['--broker', 'http://x'], '--broker expects an mqtt:// URL'],
    [['--qos', '2'], '--qos expects a number from 0 to 1'],
    [['--spike', '1.5'], '--spike expects a number from 0 to 1'],
    [['--devcies', '3'], 'unknown option --devcies'],
  ])('refuses %j with a message and the usage', (argv, message) => {
    expect(() => parseSimulatorArgs(argv, {})).toThrow(message);
    expect(() => parseSimulatorArgs(argv, {})).toThrow('usage: npm run simulate');
  });
});
