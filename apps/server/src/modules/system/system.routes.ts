import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const ClientConfigDto = z.object({
  profile: z.enum(['command', 'extranet', 'internet']),
  version: z.string(),
  basemap: z.object({ url: z.string(), attribution: z.string() }).nullable(),
  demo: z.boolean(),
  /** Issuing bureau for the public portal's header (PORTAL_BUREAU_NAME), null when unset. */
  bureau: z.string().nullable(),
});

/** Settings the web app needs before login (no secrets). */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.platform;
  app.get('/client-config', { schema: { tags: ['system'], summary: '前端启动配置', response: { 200: ClientConfigDto } } }, async () => ({
    profile: config.VIGIL_PROFILE,
    version: '0.1.0',
    basemap: config.BASEMAP_URL ? { url: config.BASEMAP_URL, attribution: config.BASEMAP_ATTRIBUTION ?? '' } : null,
    demo: config.SEED_DEMO ?? !config.DATABASE_URL,
    bureau: config.PORTAL_BUREAU_NAME ?? null,
  }));
};
