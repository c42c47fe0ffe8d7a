import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { rolesRoutes } from './roles.routes.js';
import { seedBuiltinRoles, seedDemoUsers } from './users.seed.js';
import { usersRoutes } from './users.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(usersRoutes);
  await app.register(rolesRoutes);
};

/** Users, roles and grants, under the separation of the three administrators (三员分立). */
export const usersModule: ModuleManifest = {
  name: 'users',
  routes,
  seedReference: seedBuiltinRoles,
  seedDemo: seedDemoUsers,
};

export { hashPassword, passwordProblems, verifyPassword } from './password.js';
export { addPasswordHistory, findUser, findUserByUsername, revokeUserSessions, rolesOf } from './users.repository.js';
export { ADMIN_KIND_LABELS, classifyPermissions } from './role-policy.js';
