import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { DutyShiftDto, PageOf, UserDto } from '@vigil/shared';
import { Button, Calendar, Space, Spin, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { http } from '../../lib/api';
import { formatBeijing } from '../../lib/time';
import { beijingNow, type Dayjs } from '../incidents/picker-time';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgs } from '../orgs/orgs.api';
import { downloadTemplate, DUTY_KEY, fetchShifts } from './duty.api';
import { monthRange, peopleOf, shiftsByDay } from './duty-calendar';
import type { KnownPerson } from './PersonFields';
import { RosterImportModal } from './RosterImportModal';
import { ShiftFormModal, type ShiftTarget } from './ShiftFormModal';

const KIND_COLORS = { day: 'gold', night: 'geekblue', '24h': 'purple' } as const;

/** People the roster form can link: users on this month's shifts, and all users where the user list may be read. */
function useKnownPeople(shifts: DutyShiftDto[]): KnownPerson[] {
  const me = useMe();
  const users = useQuery({
    queryKey: ['users', 'roster-people'],
    queryFn: () => http.get<PageOf<UserDto>>('/users', { limit: 500, status: 'active' }),
    enabled: can(me.data, 'user.read'),
    meta: { silent: true },
  });
  return useMemo(() => {
    const out = new Map<string, KnownPerson>();
    for (const s of shifts)
      for (const p of peopleOf(s)) if (p.userId) out.set(p.userId, { userId: p.userId, name: p.name, phone: p.phone });
    for (const u of users.data?.items ?? [])
      if (!out.has(u.id)) out.set(u.id, { userId: u.id, name: u.displayName, phone: u.phone ?? null });
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [shifts, users.data]);
}

/** 排班月历: one org's shifts per day; managers add, edit and delete shifts and import a month from Excel. */
export function RosterCalendar() {
  const { t } = useTranslation();
  const me = useMe();
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | undefined>(me.data?.org.id);
  const [month, setMonth] = useState<Dayjs>(beijingNow());
  const [target, setTarget] = useState<ShiftTarget>(null);
  const [importing, setImporting] = useState(false);
  const manage = can(me.data, 'duty.manage');
  const range = monthRange(month.year(), month.month() + 1);
  const shifts = useQuery({
    queryKey: [...DUTY_KEY, 'shifts', orgId, range.from],
    queryFn: () => fetchShifts({ orgId, ...range }),
    enabled: !!orgId,
  });
  const byDay = useMemo(() => shiftsByDay(shifts.data ?? []), [shifts.data]);
  const people = useKnownPeople(shifts.data ?? []);
  const template = useMutation({ mutationFn: downloadTemplate });
  const orgName = orgs.data?.find((o) => o.id === orgId)?.name ?? '';

  const cell = (d: Dayjs) => (
    <div data-testid="calendar-day" data-date={d.format('YYYY-MM-DD')}>
      {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((s) => (
        <Tooltip
          key={s.id}
          title={`${formatBeijing(s.startsAt, false)} – ${formatBeijing(s.endsAt, false)} · ${peopleOf(s)
            .map((p) => p.name)
            .join('、')}`}
        >
          <Tag
            color={KIND_COLORS[s.kind]}
            style={{
              cursor: 'pointer',
              display: 'block',
              marginBottom: 2,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
            onClick={(ev) => {
              ev.stopPropagation();
              if (manage) setTarget({ kind: 'edit', shift: s });
            }}
            data-testid="calendar-shift"
          >
            {t(`duty.kinds.${s.kind}`)} {s.leader?.name ?? s.officers[0]?.name ?? ''}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );

  return (
    <div data-testid="roster-calendar">
      <Space wrap style={{ marginBottom: 8 }}>
        <OrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: 240 }} testId="roster-org" />
        {manage && (
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} disabled={!orgId} data-testid="roster-import">
            {t('duty.import')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
          {t('duty.template')}
        </Button>
        {shifts.isFetching && <Spin size="small" />}
      </Space>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => {
          setMonth(d);
          if (info.source === 'date' && manage && orgId) setTarget({ kind: 'new', orgId, date: d.format('YYYY-MM-DD') });
        }}
        cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
      />
      <ShiftFormModal target={target} people={people} onClose={() => setTarget(null)} />
      <RosterImportModal open={importing} orgId={orgId} orgName={orgName} onClose={() => setImporting(false)} />
    </div>
  );
}
