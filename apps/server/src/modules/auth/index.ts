import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';
import { loginStepRoutes } from './login-steps.routes.js';
import { securityRoutes } from './security.routes.js';
import { sessionRoutes } from './sessions.routes.js';
import { tokenRoutes } from './tokens.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(loginStepRoutes);
  await app.register(sessionRoutes);
  await app.register(tokenRoutes);
  await app.register(securityRoutes);
};

/** Login and its steps (TOTP, password change), sessions, API tokens and the security policy. */
export const authModule: ModuleManifest = {
  name: 'auth',
  routes,
};
