import type { ModuleManifest } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';

/** Login, logout, the current user, sessions, TOTP, API tokens and the security policy. */
export const authModule: ModuleManifest = {
  name: 'auth',
  routes: authRoutes,
};
