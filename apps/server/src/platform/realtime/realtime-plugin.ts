import { WS_CLOSE } from '@vigil/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sha256Hex } from '../auth/tokens.js';
import { RealtimeHub, type HubOptions } from './hub.js';
import type { SocketCredential } from './session-check.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's WebSocket hub (absent in the internet profile). */
    realtime: RealtimeHub;
  }
}

/** Browsers always send Origin on a WebSocket handshake: it must be this site (no cross-site hijacking). */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

function credentialOf(req: FastifyRequest): SocketCredential | null {
  if (req.actor.kind === 'token') {
    const auth = req.headers.authorization ?? '';
    return { kind: 'token', hash: sha256Hex(auth.slice(7).trim()) };
  }
  if (req.session?.stage === 'active') return { kind: 'session', id: req.session.id };
  return null;
}

/**
 * `GET /api/v1/ws`: the one realtime connection per browser tab. Authenticated like any request
 * (session cookie or bearer token, by the auth plugin's onRequest hook); a connection without a
 * completed sign-in is accepted and closed at once with code 4401 so the client can tell why.
 */
export const realtimePlugin = fp(async (app: FastifyInstance, opts: Partial<HubOptions>) => {
  if (app.platform.config.VIGIL_PROFILE === 'internet') return;
  const hub = new RealtimeHub(app.platform, opts);
  app.decorate('realtime', hub);
  hub.start();
  app.addHook('preClose', async () => hub.stop());

  // WebSocket routes are left out of the OpenAPI document; the protocol is in docs/realtime.md.
  app.get('/api/v1/ws', { websocket: true }, (socket, req) => {
    if (!sameOrigin(req)) {
      socket.close(WS_CLOSE.forbiddenOrigin, 'origin not allowed');
      return;
    }
    const credential = credentialOf(req);
    if (req.actor.kind === 'anonymous' || !credential) {
      socket.close(WS_CLOSE.unauthenticated, 'unauthenticated');
      return;
    }
    hub.accept(socket, req.actor, credential);
  });
});
