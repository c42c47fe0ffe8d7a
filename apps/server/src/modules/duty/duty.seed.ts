import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { findOrgByCode } from '../orgs/index.js';
import * as checks from './checks.repository.js';
import { dutyPersonKey, logPhoneContext, personPhoneContext, sealPhone } from './duty-secrets.js';
import { atBeijing, beijingDate } from './duty-time.js';
import * as handovers from './handovers.repository.js';
import * as logs from './log.repository.js';
import { overlaps } from './overlap.js';
import { maskPhone } from './people.js';
import { DEFAULT_SHIFT_TIMES } from './roster-rows.js';
import * as seedRepo from './seed.repository.js';
import * as repo from './shifts.repository.js';

const ORGS = [
  'qz',
  'qz_licheng',
  'qz_fengze',
  'qz_luojiang',
  'qz_quangang',
  'qz_huian',
  'qz_anxi',
  'qz_yongchun',
  'qz_dehua',
  'qz_shishi',
  'qz_jinjiang',
  'qz_nanan',
];
const SURNAMES = '陈林黄张吴王李蔡郑刘许洪苏杨庄施傅曾';
const GIVEN = [
  '建国',
  '志强',
  '海峰',
  '丽华',
  '明辉',
  '晓东',
  '秀英',
  '伟民',
  '雅琴',
  '振华',
  '少杰',
  '惠玲',
  '文斌',
  '国栋',
  '佳怡',
  '鸿飞',
];
const HOUR = 3_600_000;

/** A deterministic demo name and mobile number for a slot (org, day, position). */
function demoPerson(seed: number): { name: string; phone: string } {
  const s = SURNAMES[seed % SURNAMES.length]!;
  const g = GIVEN[Math.floor(seed / SURNAMES.length) % GIVEN.length]!;
  return { name: `${s}${g}`, phone: `138${String(5950000 + ((seed * 7919) % 49999)).padStart(8, '0')}` };
}

interface Slot {
  userId: string | null;
  name: string;
  phone: string | null;
  role: 'leader' | 'officer';
  position: number;
}

interface DemoShift {
  kind: 'day' | 'night';
  start: Date;
  end: Date;
  slots: Slot[];
}

/** Inserts an org's demo shifts in bulk, skipping windows it already has shifts in and demo users already booked then. */
async function insertDemoShifts(platform: Platform, org: { id: string; path: string }, shifts: DemoShift[]): Promise<void> {
  if (shifts.length === 0) return;
  const first = shifts[0]!.start;
  const last = shifts.at(-1)!.end;
  const taken = await seedRepo.shiftsBetween(platform.db, org.id, first, last);
  const keys = [...new Set(shifts.flatMap((s) => s.slots.flatMap((x) => (x.userId ? [`u:${x.userId}`] : []))))];
  const booked = await repo.bookingsOf(platform.db, keys, first, last);
  const rows = [];
  const people = [];
  for (const d of shifts) {
    if (taken.some((t) => overlaps(d, { start: t.starts_at, end: t.ends_at }))) continue;
    const id = newId();
    rows.push({
      id,
      org_id: org.id,
      org_path: org.path,
      starts_at: d.start,
      ends_at: d.end,
      kind: d.kind,
      note: '演示排班',
      source: 'demo' as const,
      created_by: null,
      created_at: d.start,
      updated_at: d.start,
    });
    for (const s of d.slots) {
      const key = dutyPersonKey(platform.config, { userId: s.userId, name: s.name, phone: s.phone }, org.id);
      if (s.userId && booked.some((b) => b.person_key === key && overlaps(d, { start: b.starts_at, end: b.ends_at }))) continue;
      const pid = newId();
      people.push({
        id: pid,
        shift_id: id,
        role: s.role,
        position: s.position,
        user_id: s.userId,
        name: s.name,
        phone_sealed: s.phone ? sealPhone(platform.config, s.phone, personPhoneContext(pid)) : null,
        phone_masked: s.phone ? maskPhone(s.phone) : null,
        person_key: key,
        signed_in_at: null,
        signed_out_at: null,
      });
    }
  }
  await seedRepo.insertShiftsAndPeople(platform.db, rows, people);
}

/**
 * Rosters for the city bureau and every county bureau for the current month (day and night
 * shifts, a leader and two officers each). The demo officers `duty` (city) and `duty-jinjiang`
 * (Jinjiang) are put on yesterday's night and today's shifts, so they are on duty now.
 */
async function seedRosters(platform: Platform): Promise<void> {
  const now = platform.clock.now();
  const today = beijingDate(now);
  const users = await seedRepo.userIdsByName(platform.db, ['duty', 'duty-jinjiang']);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const yesterday = beijingDate(new Date(now.getTime() - 24 * HOUR));
  const dates = [
    ...new Set([yesterday, ...Array.from({ length: days }, (_, i) => `${today.slice(0, 8)}${String(i + 1).padStart(2, '0')}`)]),
  ].sort();
  for (const [oi, code] of ORGS.entries()) {
    const org = await findOrgByCode(platform.db, code);
    if (!org) continue;
    const demoUser = users.get(code === 'qz' ? 'duty' : code === 'qz_jinjiang' ? 'duty-jinjiang' : '');
    const shifts: DemoShift[] = [];
    for (const [di, date] of dates.entries()) {
      for (const kind of ['day', 'night'] as const) {
        const [s, e] = DEFAULT_SHIFT_TIMES[kind];
        const start = atBeijing(date, s);
        const end = atBeijing(date, e, kind === 'night' ? 1 : 0);
        const base = oi * 97 + di * 6 + (kind === 'night' ? 3 : 0);
        const slots: Slot[] = [0, 1, 2].map((i) => ({
          userId: null,
          ...demoPerson(base + i),
          role: i === 0 ? 'leader' : 'officer',
          position: i === 0 ? 0 : i - 1,
        }));
        const covering = (date === today || (date === yesterday && kind === 'night')) && demoUser;
        if (covering) slots[1] = { userId: demoUser.id, name: demoUser.name, phone: null, role: 'officer', position: 0 };
        shifts.push({ kind, start, end, slots });
      }
    }
    await insertDemoShifts(platform, org, shifts);
  }
}

/** A few duty log entries, a handover and two checks (one answered, one missed) around now. */
async function seedDesk(platform: Platform): Promise<void> {
  if (await seedRepo.hasDemoDeskRows(platform.db)) return;
  const db = platform.db;
  const now = platform.clock.now();
  const qz = await findOrgByCode(db, 'qz');
  const jj = await findOrgByCode(db, 'qz_jinjiang');
  const nanan = await findOrgByCode(db, 'qz_nanan');
  const users = await seedRepo.userIdsByName(db, ['duty', 'duty-jinjiang', 'commander']);
  if (!qz || !jj || !nanan) return;
  const entries: [
    typeof qz,
    number,
    'call_in' | 'call_out' | 'event' | 'notice' | 'other',
    string | null,
    string | null,
    string,
    string,
  ][] = [
    [qz, 5, 'notice', '市气象台', '0595-22180000', '市气象台发布暴雨黄色预警，已转发各县（市、区）值班室。', 'duty'],
    [qz, 3, 'call_in', '晋江市应急管理局值班室', '0595-85680000', '晋江市报告安海镇一处厂房起火，消防已到场处置，暂无人员伤亡。', 'duty'],
    [qz, 1, 'call_out', '市消防救援支队', '0595-22520119', '向市消防救援支队核实安海镇火情，明火已扑灭。', 'duty'],
    [jj, 4, 'call_in', '安海镇政府', '0595-85781234', '安海镇报告：镇区一处厂房起火，已组织人员疏散。', 'duty-jinjiang'],
    [jj, 2, 'other', null, null, '完成防汛物资仓库例行检查，物资齐备。', 'duty-jinjiang'],
  ];
  for (const [org, hoursAgo, kind, caller, phone, summary, by] of entries) {
    const id = newId();
    const at = new Date(now.getTime() - hoursAgo * HOUR);
    await logs.insertLog(db, {
      id,
      org_id: org.id,
      org_path: org.path,
      at,
      kind,
      caller,
      caller_phone_sealed: phone ? sealPhone(platform.config, phone, logPhoneContext(id)) : null,
      caller_phone_masked: phone ? maskPhone(phone) : null,
      summary: `${summary}（演示）`,
      incident_id: null,
      created_by: users.get(by)?.id ?? null,
      created_at: at,
      is_demo: true,
    });
  }
  const change = await seedRepo.lastChangeOver(db, qz.id, now);
  const duty = users.get('duty');
  if (change && duty) {
    const signedAt = new Date(change.from.ends_at.getTime() + 10 * 60_000);
    await handovers.insertHandover(db, {
      id: newId(),
      org_id: qz.id,
      org_path: qz.path,
      from_shift_id: change.from.id,
      to_shift_id: change.to.id,
      notes: '（演示）暴雨黄色预警生效中，请关注各县雨情；晋江安海镇火情已处置完毕，待续报。',
      open_items: JSON.stringify({ incidents: [], reportsDue: [], instructions: [] }),
      created_by: duty.id,
      created_at: new Date(change.from.ends_at.getTime() - 10 * 60_000),
      countersign_due_at: new Date(change.from.ends_at.getTime() + 30 * 60_000),
      countersigned_by: signedAt <= now ? duty.id : null,
      countersigned_at: signedAt <= now ? signedAt : null,
      leader_notified_at: null,
      is_demo: true,
    });
  }
  const commander = users.get('commander');
  const jjDuty = users.get('duty-jinjiang');
  const checkRows = [
    { org: jj, hoursAgo: 2, answer: jjDuty ? { by: jjDuty.id, seconds: 95 } : null },
    { org: nanan, hoursAgo: 6, answer: null },
  ];
  for (const c of checkRows) {
    const sentAt = new Date(now.getTime() - c.hoursAgo * HOUR);
    await checks.insertCheck(db, {
      id: newId(),
      org_id: c.org.id,
      org_path: c.org.path,
      message: '（演示）请值班人员立即应答，报告当前在岗情况。',
      sent_by: commander?.id ?? null,
      sent_by_name: commander?.name ?? '指挥长',
      sent_at: sentAt,
      ack_minutes: 5,
      due_at: new Date(sentAt.getTime() + 5 * 60_000),
      status: c.answer ? 'answered' : 'missed',
      notified_count: 1,
      acked_by: c.answer?.by ?? null,
      acked_at: c.answer ? new Date(sentAt.getTime() + c.answer.seconds * 1000) : null,
      response_seconds: c.answer?.seconds ?? null,
      missed_at: c.answer ? null : new Date(sentAt.getTime() + 5 * 60_000),
      is_demo: true,
    });
  }
}

/** Demo data of the duty desk (idempotent; rows marked as demo). */
export async function seedDemoDuty(platform: Platform): Promise<void> {
  await seedRosters(platform);
  await seedDesk(platform);
}
