import type { FastifyPluginAsync } from 'fastify';
import client from 'prom-client';
import { ping } from '../db/database.js';
import { pendingCount } from '../events/outbox.repository.js';

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
const httpDuration = new client.Histogram({
  name: 'vigil_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
const outboxPending = new client.Gauge({ name: 'vigil_outbox_pending', help: 'Undelivered domain events', registers: [registry] });

export { registry as metricsRegistry };

/** /healthz (process alive), /readyz (database answers), /metrics (Prometheus). */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(app.platform.db);
      return { status: 'ready', db: app.platform.dbKind, bus: app.platform.bus.kind };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    outboxPending.set(await pendingCount(app.platform.db));
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
