import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { webDistPath } from '../paths.js';

/** Whether a path belongs to the public portal (the only pages of the `internet` profile). */
export function isPortalPath(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/');
}

/**
 * Serves the built web app. Unknown paths under /api, /public and asset-looking paths are
 * 404s; every other GET falls back to index.html for client-side routing. On the `internet`
 * profile only the public portal is served: `/`, the login page and the app's pages redirect to /portal.
 */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  const root = webDistPath();
  if (!existsSync(root)) {
    app.log.warn(`web app not built (${root} missing): run "npm run build"`);
    return false;
  }
  await app.register(fastifyStatic, { root, wildcard: false, index: false, maxAge: '1h', immutable: false });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  const portalOnly = app.platform.config.VIGIL_PROFILE === 'internet';
  app.get('/', (_req, reply) => (portalOnly ? reply.redirect('/portal', 302) : sendIndex(reply)));
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const looksLikeAsset = /\.[a-z0-9]{1,8}$/i.test(path);
    if (req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/public/') || looksLikeAsset) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: '记录不存在', status: 404, code: 'NOT_FOUND', detail: `未找到 ${req.method} ${path}` });
    }
    if (portalOnly && !isPortalPath(path)) return reply.redirect('/portal', 302);
    return sendIndex(reply);
  });
  return true;
}
