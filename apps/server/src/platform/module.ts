import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from './ctx.js';
import type { DomainEvent } from './events/bus.js';

export type Profile = 'command' | 'extranet' | 'internet';

/** A module's reaction to one committed domain event. */
export type ModuleEventHandler = (e: DomainEvent, platform: Platform) => Promise<void> | void;

/** A periodic job run by the worker role. */
export interface Job {
  name: string;
  everyMs: number;
  run(platform: Platform): Promise<void>;
}

/** A long-running part of a module (an MQTT listener, a stream processor) started with the process. */
export interface ModuleService {
  name: string;
  /** Process roles (ROLES) that run this service. */
  roles: ('api' | 'ingest' | 'worker')[];
  /** Starts the service; a failure stops start-up with its message. */
  start(platform: Platform): Promise<StartedService>;
}

export interface StartedService {
  stop(): Promise<void>;
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
  /** Reactions to domain events (once per cluster); they receive the platform to open their own transaction. */
  handlers?: Record<string, ModuleEventHandler>;
  jobs?: Job[];
  /** Long-running services, started after the HTTP app is built when the process has their role. */
  services?: ModuleService[];
  /** Seeds reference data every install needs (idempotent). */
  seedReference?(platform: Platform): Promise<void>;
  /** Seeds demo data (idempotent, only when demo seeding is on). */
  seedDemo?(platform: Platform, demo: DemoContext): Promise<void>;
}

export interface DemoContext {
  password: string;
  /** DEMO_PASSWORD differs from the previous start: existing demo accounts take the new one. */
  passwordChanged?: boolean;
  /** Accounts created, for the start-up banner. */
  accounts: { username: string; role: string; org: string }[];
}
