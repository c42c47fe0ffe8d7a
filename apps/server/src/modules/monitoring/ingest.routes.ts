import { DeadLetterDto, DeadLetterListQuery, IngestStatusDto, Page } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listDeadLetterPage } from './ingest-queries.service.js';
import { runningIngest } from './ingest.service.js';

const tags = ['monitoring'];

/** Operators' view of ingestion: this instance's counters and the refused telemetry (dead letters). */
export const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('monitoring.read');

  app.get(
    '/monitoring/ingest/status',
    { schema: { tags, summary: '本实例数据接入状态（接收、拒收、落库计数）', response: { 200: IngestStatusDto } }, preHandler: read },
    async () =>
      runningIngest(app.platform)?.stats() ?? {
        running: false,
        transport: null,
        mqttPort: null,
        mqttUrl: null,
        connectedDevices: 0,
        acceptedReadings: 0,
        rejectedReadings: 0,
        storedReadings: 0,
        pendingReadings: 0,
        flushes: 0,
        lastFlushMs: null,
        flushErrors: 0,
        directoryDevices: 0,
        startedAt: null,
      },
  );

  app.get(
    '/monitoring/dead-letters',
    {
      schema: {
        tags,
        summary: '拒收的监测数据（死信），最新在前',
        querystring: DeadLetterListQuery,
        response: { 200: Page(DeadLetterDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDeadLetterPage(ctx, req.query)),
  );
};
