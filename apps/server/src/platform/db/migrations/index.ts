import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.js';
import * as m0003 from './0003-admin.js';
import * as m0004 from './0004-realtime.js';
import * as m0005 from './0005-incidents.js';
import * as m0006 from './0006-reporting.js';
import * as m0007 from './0007-duty.js';
import * as m0008 from './0008-resources.js';
import * as m0009 from './0009-gis.js';
import * as m0010 from './0010-warnings.js';
import * as m0011 from './0011-notify.js';
import * as m0012 from './0012-monitoring.js';
import * as m0013 from './0013-plans.js';
import * as m0014 from './0014-command.js';
import * as m0015 from './0015-assessment.js';
import * as m0016 from './0016-consult.js';
import * as m0017 from './0017-tracking.js';
import * as m0018 from './0018-command-attachments.js';
import * as m0019 from './0019-task-equipment.js';
import * as m0020 from './0020-map-circle.js';

/**
 * Every migration, in order. A static list (not a folder scan) so that the bundle and
 * Vitest load them the same way. Never edit a migration that has shipped: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0003-admin': m0003,
  '0004-realtime': m0004,
  '0005-incidents': m0005,
  '0006-reporting': m0006,
  '0007-duty': m0007,
  '0008-resources': m0008,
  '0009-gis': m0009,
  '0010-warnings': m0010,
  '0011-notify': m0011,
  '0012-monitoring': m0012,
  '0013-plans': m0013,
  '0014-command': m0014,
  '0015-assessment': m0015,
  '0016-consult': m0016,
  '0017-tracking': m0017,
  '0018-command-attachments': m0018,
  '0019-task-equipment': m0019,
  '0020-map-circle': m0020,
};
