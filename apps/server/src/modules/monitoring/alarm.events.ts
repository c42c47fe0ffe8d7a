import { ALARMS_TOPIC } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import { alarmPayload } from './alarm.presenter.js';
import type { AlarmRow } from './alarm.repository.js';

/**
 * Emits an `alarm.*` event in the use case's transaction, pushed live on topic `alarms` to users
 * who can see the alarm's org and hold `monitoring.read` there. The payload is the whole alarm,
 * so the live list updates without asking again.
 */
export async function emitAlarm(ctx: Ctx, name: string, row: AlarmRow, extra: Record<string, unknown> = {}): Promise<void> {
  await emit(ctx, name, { ...alarmPayload(row), ...extra }, { topic: ALARMS_TOPIC, orgPath: row.org_path, permission: 'monitoring.read' });
}
