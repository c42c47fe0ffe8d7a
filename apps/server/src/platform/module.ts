import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from './ctx.js';
import type { EventHandler } from './events/bus.js';

export type Profile = 'command' | 'extranet' | 'internet';

/** A periodic job run by the worker role. */
export interface Job {
  name: string;
  everyMs: number;
  run(platform: Platform): Promise<void>;
}

/** What a module contributes; listed explicitly in `modules.ts`. */
export interface ModuleManifest {
  name: string;
  /** Profiles that mount this module's routes (default: command and extranet). */
  profiles?: Profile[];
  /** Routes under /api/v1. */
  routes?: FastifyPluginAsync;
  /** Routes outside /api/v1 (public portal, feeds). */
  rootRoutes?: FastifyPluginAsync;
  /** Reactions to domain events (once per cluster). */
  handlers?: Record<string, EventHandler>;
  jobs?: Job[];
  /** Seeds reference data every install needs (idempotent). */
  seedReference?(platform: Platform): Promise<void>;
  /** Seeds demo data (idempotent, only when demo seeding is on). */
  seedDemo?(platform: Platform, demo: DemoContext): Promise<void>;
}

export interface DemoContext {
  password: string;
  /** Accounts created, for the start-up banner. */
  accounts: { username: string; role: string; org: string }[];
}
