import type { Platform } from '../../platform/ctx.js';
import * as repo from './warning-feeds.repository.js';
import { WARNING_TYPES } from './warning-types.data.js';

/** Seeds the warning types and their 防御指南 (adds missing rows only; edits by the bureau are kept). */
export async function seedWarningTypes(platform: Platform): Promise<void> {
  const guides = WARNING_TYPES.flatMap((t) =>
    Object.entries(t.guides ?? {}).map(([colour, text]) => ({ type_code: t.code, colour: colour as 'red', instruction_zh: text })),
  );
  const have = await repo.countTypes(platform.db);
  if (have.types >= WARNING_TYPES.length && have.guides >= guides.length) return;
  await repo.seedTypes(
    platform.db,
    WARNING_TYPES.map((t, i) => ({ code: t.code, name_zh: t.zh, name_en: t.en, colours: t.colours, sort: i })),
    guides,
  );
}
