import type { AreaRecipientSource } from '../notify/index.js';
import { devicesInArea } from './device-area.repository.js';

/**
 * Devices inside a warning's area as recipients of the `device` channel (the message is
 * published to `vigil/alert/{code}`; sirens, displays and broadcast terminals subscribe to it).
 */
export const deviceRecipientSource: AreaRecipientSource = {
  name: 'devices',
  async resolve(ctx, q) {
    const devices = await devicesInArea(ctx.tx, { divisionCodes: q.divisionCodes, geometry: q.geometry });
    return devices.map((d) => ({ kind: 'device' as const, id: d.id, name: `${d.name}（${d.code}）`, addresses: { device: d.code } }));
  },
};
