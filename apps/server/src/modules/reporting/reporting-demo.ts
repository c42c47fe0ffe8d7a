import type { IncidentStatus, ReportKind } from '@vigil/shared';
import type { IncidentRow } from '../incidents/index.js';
import type { Figures } from './deadlines.js';
import type { ChainOrgRow } from './reports.repository.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A seeded pseudo-random sequence in [0, 1) (xorshift32), so every demo install looks the same. */
function random(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** One demo report: who sends which kind when, and whether (and when) the parent signed for it. */
export interface DemoStep {
  index: number;
  kind: ReportKind;
  version: number;
  fromOrgId: string;
  at: Date;
  ackAt: Date | null;
  phoneAt: Date | null;
  text: string;
  status: IncidentStatus;
  figures: Figures;
  forwardOf: number | null;
}

const at = (base: Date | number, minutes: number) => new Date(new Date(base).getTime() + Math.round(minutes) * MIN);
const figuresOf = (i: IncidentRow): Figures => ({
  dead: i.dead,
  missing: i.missing,
  seriouslyInjured: i.seriously_injured,
  lightlyInjured: i.lightly_injured,
});
const describe = (f: Figures) =>
  f.dead + f.missing + f.seriouslyInjured + f.lightlyInjured === 0
    ? '暂无人员伤亡'
    : `死亡 ${f.dead} 人、失踪 ${f.missing} 人、重伤 ${f.seriouslyInjured} 人、轻伤 ${f.lightlyInjured} 人`;

/**
 * The demo reporting story of one incident: the county's first report (about one in seven late,
 * one in nineteen never sent), the city's read receipt, the city passing 较大+ incidents to the
 * province, follow-ups at roughly the required cadence until closure, a final report for most closed
 * incidents, and a supplement where casualties rose after the first report.
 */
export function demoPlan(inc: IncidentRow, chain: ChainOrgRow[], n: number, now: Date): DemoStep[] {
  const r = random(7919 * (n + 1));
  const county = chain[0]!;
  const city = chain.find((o) => o.id === county.parent_id);
  if (!city || n % 19 === 7) return [];
  const received = new Date(inc.received_at);
  const last = now.getTime() - 10 * MIN;
  const steps: DemoStep[] = [];
  const current = figuresOf(inc);
  const rose = inc.status === 'closed' && current.dead > 0 && r() < 0.4;
  const early = rose ? { ...current, dead: current.dead - 1 } : current;
  const push = (s: Omit<DemoStep, 'index'>) => {
    if (s.at.getTime() > last) return false;
    steps.push({ ...s, index: steps.length, ackAt: s.ackAt && s.ackAt.getTime() <= last ? s.ackAt : null });
    return true;
  };
  let version = 1;
  const ack = (t: Date) => (r() < 0.9 ? at(t, 3 + r() * 37) : null);
  const firstAt = at(received, r() < 0.15 ? 65 + r() * 80 : 12 + r() * 40);
  const firstAck = ack(firstAt);
  const ok = push({
    kind: 'first',
    version: version++,
    fromOrgId: county.id,
    at: firstAt,
    ackAt: firstAck,
    phoneAt: inc.grade !== null && inc.grade <= 3 ? at(received, 8 + r() * 15) : null,
    text: `${inc.title}。接报后立即核实，${describe(early)}，已组织力量开展先期处置。`,
    status: 'verified',
    figures: early,
    forwardOf: null,
  });
  if (!ok) return steps;
  if (inc.grade !== null && inc.grade <= 3 && city.parent_id)
    push({
      kind: 'first',
      version: 1,
      fromOrgId: city.id,
      at: at(firstAck ?? firstAt, 20 + r() * 70),
      ackAt: null,
      phoneAt: null,
      text: `转报${county.name}首报：${inc.title}，${describe(early)}。`,
      status: 'verified',
      figures: early,
      forwardOf: 0,
    });
  const ended = inc.status === 'closed' || inc.status === 'false_report';
  const closure = ended ? Math.min(at(received, (24 + r() * 48) * 60).getTime(), now.getTime() - 2 * HOUR) : last;
  const every = (inc.grade !== null && inc.grade <= 2 ? 12 : 24) * 60;
  let t = firstAt;
  for (let k = 0; k < 6; k++) {
    const next = at(t, every * (0.6 + r() * 0.45));
    if (next.getTime() >= closure) break;
    push({
      kind: 'followup',
      version: version++,
      fromOrgId: county.id,
      at: next,
      ackAt: ack(next),
      phoneAt: null,
      text: `续报：现场处置有序推进，${describe(early)}，相关部门正在开展调查。`,
      status: 'responding',
      figures: early,
      forwardOf: null,
    });
    t = next;
  }
  if (inc.status === 'closed' && r() < 0.85) {
    const finalAt = at(closure, (1 + r() * 5) * 60);
    push({
      kind: 'final',
      version: version++,
      fromOrgId: county.id,
      at: finalAt,
      ackAt: ack(finalAt),
      phoneAt: null,
      text: `终报：${inc.title}处置完毕，${describe(early)}，善后工作已落实。`,
      status: 'closed',
      figures: early,
      forwardOf: null,
    });
    if (rose)
      push({
        kind: 'supplement',
        version,
        fromOrgId: county.id,
        at: at(finalAt, (20 + r() * 60) * 60),
        ackAt: null,
        phoneAt: null,
        text: `补报：一名重伤人员经抢救无效死亡，现${describe(current)}。`,
        status: 'closed',
        figures: current,
        forwardOf: null,
      });
  }
  return steps;
}

const INSTRUCTIONS = [
  '请迅速核实伤亡情况，全力救治伤员，做好善后工作，及时续报。',
  '立即组织排查周边隐患，严防次生灾害，确保群众安全。',
  '请应急、消防、公安等部门协同处置，注意救援人员自身安全，及时报告进展。',
];

/** A leader's instruction on some demo incidents (all 较大+ ones and a few others); null when none. */
export function demoInstruction(inc: IncidentRow, n: number, now: Date): { text: string; issuedAt: Date; dueAt: Date } | null {
  if (!((inc.grade !== null && inc.grade <= 3) || n % 7 === 3)) return null;
  const issuedAt = at(inc.received_at, 40 + (n % 5) * 15);
  if (issuedAt.getTime() > now.getTime() - HOUR) return null;
  return { text: INSTRUCTIONS[n % INSTRUCTIONS.length]!, issuedAt, dueAt: at(issuedAt, 120) };
}

/** How the target answered the demo instruction: mostly acknowledged and answered in time, some never. */
export function demoAnswer(plan: { issuedAt: Date }, n: number): { ackAt: Date; feedbackAt: Date | null; text: string } | null {
  if (n % 5 === 0) return null;
  const ackAt = at(plan.issuedAt, 6 + (n % 4) * 3);
  if (n % 5 === 1) return { ackAt, feedbackAt: null, text: '' };
  return {
    ackAt,
    feedbackAt: at(plan.issuedAt, 55 + (n % 6) * 20),
    text: '已按批示要求部署落实：伤员已送医救治，现场警戒和隐患排查已完成，后续情况将及时续报。',
  };
}
