import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from './platform/ctx.js';
import { authPlugin } from './platform/http/auth-plugin.js';
import { healthRoutes } from './platform/http/health.js';
import { notFoundHandler, problemHandler } from './platform/http/problem.js';
import { registerWebApp } from './platform/http/static.js';
import { realtimePlugin } from './platform/realtime/realtime-plugin.js';
import type { ModuleManifest } from './platform/module.js';
import { newId } from './platform/ids.js';

z.config(z.locales.zhCN());

/** Answers longer than this many characters are sent as a Buffer (see the onSend hook). */
const LARGE_TEXT = 16 * 1024;

export interface AppOptions {
  logger?: boolean | object;
  /** Serve the built web app (off in tests). */
  serveWeb?: boolean;
}

/** Builds the HTTP application: platform plugins, then each mounted module's routes. */
export async function buildApp(platform: Platform, modules: ModuleManifest[], opts: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Per-request access logs are off (metrics cover them); errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : newId();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler);
  app.decorate('platform', platform);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    // A large JSON answer goes out as bytes: Node writes a Buffer to the socket several times faster
    // than it encodes a long string with Chinese text on the way out (and the length is then free).
    return typeof payload === 'string' && payload.length > LARGE_TEXT ? Buffer.from(payload) : payload;
  });

  // Security headers (CSP, HSTS, nosniff, frame and referrer policies…): built once here and set on
  // every response. (@fastify/helmet rebuilds the middleware, parsing the CSP, on each request.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.BASEMAP_URL ? [new URL(config.BASEMAP_URL.replace(/[{}]/g, '')).origin] : [])],
        connectSrc: ["'self'", 'ws:', 'wss:', ...(config.BASEMAP_URL ? [new URL(config.BASEMAP_URL.replace(/[{}]/g, '')).origin] : [])],
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigil API', description: '应急管理综合应用平台 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_sid' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(realtimePlugin);

  const profile = config.VIGIL_PROFILE;
  for (const m of modules) {
    const profiles = m.profiles ?? ['command', 'extranet'];
    if (!profiles.includes(profile)) continue;
    if (m.routes) await app.register(m.routes, { prefix: '/api/v1' });
    if (m.rootRoutes) await app.register(m.rootRoutes);
  }

  const served = opts.serveWeb ? await registerWebApp(app) : false;
  if (!served) app.setNotFoundHandler(notFoundHandler);
  return app;
}
