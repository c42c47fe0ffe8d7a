import type { ModuleManifest } from '../../platform/module.js';
import { seedBuiltinRoles, seedDemoUsers } from './users.seed.js';

/** Users, roles and grants. */
export const usersModule: ModuleManifest = {
  name: 'users',
  seedReference: seedBuiltinRoles,
  seedDemo: seedDemoUsers,
};

export { hashPassword, passwordProblems, verifyPassword } from './password.js';
export { findUser, findUserByUsername, rolesOf } from './users.repository.js';
