/**
 * Version diff (版本比对), pure: the structured changes from one plan version's content to
 * another's — fields, response levels added or removed, and within a level the start mode,
 * conditions (keyed by kind) and tasks (keyed by title).
 */
import {
  PLAN_CONDITION_ZH,
  RESPONSE_LEVELS,
  RESPONSE_LEVEL_ZH,
  type PlanChangeDto,
  type PlanCondition,
  type PlanContent,
  type PlanResponseLevel,
  type PlanTaskTemplate,
  type ResponseLevel,
} from '@vigil/shared';

/** The content compared (what a version holds besides its workflow state). */
export type DiffableContent = Pick<PlanContent, 'name' | 'level' | 'type' | 'eventCodes' | 'summary' | 'levels'>;

const FIELD_ZH: Record<'name' | 'level' | 'type' | 'eventCodes' | 'summary', string> = {
  name: '预案名称',
  level: '预案层级',
  type: '预案类型',
  eventCodes: '适用事件类型',
  summary: '概述',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Items keyed by `key`, a repeated key numbered (`#2`) so that every item has its own. */
function keyed<T>(items: readonly T[], key: (x: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  const seen = new Map<string, number>();
  for (const x of items) {
    const k = key(x);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k}#${n}`, x);
  }
  return out;
}

function diffKeyed<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  emit: (op: PlanChangeDto['op'], key: string, b: T | null, a: T | null) => void,
): void {
  for (const [k, b] of before) {
    const a = after.get(k);
    if (a === undefined) emit('removed', k, b, null);
    else if (!same(a, b)) emit('changed', k, b, a);
  }
  for (const [k, a] of after) if (!before.has(k)) emit('added', k, null, a);
}

const OP_ZH: Record<PlanChangeDto['op'], string> = { added: '新增', removed: '删除', changed: '修改' };

function diffLevel(level: ResponseLevel, b: PlanResponseLevel, a: PlanResponseLevel, out: PlanChangeDto[]): void {
  const at = `levels.${level}`;
  const name = RESPONSE_LEVEL_ZH[level];
  if (b.start.mode !== a.start.mode)
    out.push({
      scope: 'condition',
      op: 'changed',
      path: `${at}.start.mode`,
      level,
      label: `${name}启动条件关系由“${b.start.mode === 'all' ? '全部满足' : '任一满足'}”改为“${a.start.mode === 'all' ? '全部满足' : '任一满足'}”`,
      before: b.start.mode,
      after: a.start.mode,
    });
  const kind = (c: PlanCondition) => c.kind;
  diffKeyed(keyed(b.start.conditions, kind), keyed(a.start.conditions, kind), (op, k, before, after) =>
    out.push({
      scope: 'condition',
      op,
      path: `${at}.start.conditions.${k}`,
      level,
      label: `${name}${OP_ZH[op]}启动条件：${PLAN_CONDITION_ZH[(after ?? before)!.kind]}`,
      before,
      after,
    }),
  );
  if (!same(b.note, a.note))
    out.push({
      scope: 'level',
      op: 'changed',
      path: `${at}.note`,
      level,
      label: `${name}说明修改`,
      before: b.note ?? null,
      after: a.note ?? null,
    });
  const title = (t: PlanTaskTemplate) => t.title;
  diffKeyed(keyed(b.tasks, title), keyed(a.tasks, title), (op, k, before, after) =>
    out.push({ scope: 'task', op, path: `${at}.tasks.${k}`, level, label: `${name}${OP_ZH[op]}任务：${k}`, before, after }),
  );
}

/** Every change from `before` to `after`, fields first, then levels I → IV. */
export function diffPlans(before: DiffableContent, after: DiffableContent): PlanChangeDto[] {
  const out: PlanChangeDto[] = [];
  for (const f of Object.keys(FIELD_ZH) as (keyof typeof FIELD_ZH)[]) {
    const b = f === 'eventCodes' ? [...before.eventCodes].sort() : (before[f] ?? null);
    const a = f === 'eventCodes' ? [...after.eventCodes].sort() : (after[f] ?? null);
    if (!same(a, b)) out.push({ scope: 'field', op: 'changed', path: f, level: null, label: `${FIELD_ZH[f]}修改`, before: b, after: a });
  }
  const bl = new Map(before.levels.map((l) => [l.level, l]));
  const al = new Map(after.levels.map((l) => [l.level, l]));
  for (const level of RESPONSE_LEVELS) {
    const b = bl.get(level);
    const a = al.get(level);
    if (b && !a)
      out.push({
        scope: 'level',
        op: 'removed',
        path: `levels.${level}`,
        level,
        label: `删除${RESPONSE_LEVEL_ZH[level]}`,
        before: b,
        after: null,
      });
    else if (!b && a)
      out.push({
        scope: 'level',
        op: 'added',
        path: `levels.${level}`,
        level,
        label: `新增${RESPONSE_LEVEL_ZH[level]}`,
        before: null,
        after: a,
      });
    else if (b && a) diffLevel(level, b, a, out);
  }
  return out;
}
