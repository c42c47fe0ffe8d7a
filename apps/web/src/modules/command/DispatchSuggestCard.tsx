import type { ResponseDto, SuggestionItem, TaskDto } from '@vigil/shared';
import { Card, Col, Empty, Row, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BasketSuggestions } from './BasketSuggestions';
import { useSuggestions } from './dispatch-suggest.api';
import { DispatchTeamModal, useInviteExpert, WarehouseDispatch, type PickedResource } from './SuggestionActions';
import { SuggestionList, type SuggestionRow } from './SuggestionList';

const RADII = [5, 10, 20, 50, 100];

const rowOf = (s: SuggestionItem, detail: string | null): SuggestionRow => ({
  kind: s.kind,
  id: s.id,
  name: s.name,
  orgName: s.orgName,
  distanceM: s.distanceM,
  detail,
});

/**
 * 周边资源建议: around the command post (or the incident), the nearest rescue teams standing by,
 * warehouses holding the plan's materials, shelters with room and experts of the event type —
 * each with its distance and a one-click action (派遣 → a task for the team, 调拨物资 → the
 * materials dialog on that warehouse, 邀请会商 → the expert joins the consultation) — and, when
 * opened from the One Map (`?from=basket`), the resources of its dispatch list.
 */
export function DispatchSuggestCard({ response, tasks, canDispatch }: { response: ResponseDto; tasks: TaskDto[]; canDispatch: boolean }) {
  const { t } = useTranslation();
  const [radiusKm, setRadiusKm] = useState(20);
  const q = useSuggestions(response.id, radiusKm);
  const [picked, setPicked] = useState<PickedResource | null>(null);
  const invite = useInviteExpert(response.incidentId);
  const act = canDispatch ? (r: SuggestionRow) => (r.kind === 'expert' ? invite.mutate(r) : setPicked(r)) : undefined;
  const busyId = invite.isPending ? (invite.variables?.id ?? null) : null;
  const s = q.data;
  const lists = s && [
    { key: 'teams', title: t('command.suggest.teams'), rows: s.teams.map((x) => rowOf(x, null)) },
    {
      key: 'warehouses',
      title: t('command.suggest.warehouses'),
      rows: s.warehouses.map((x) =>
        rowOf(x, [x.detail, x.quantity === null ? null : t('command.suggest.held', { n: x.quantity })].filter(Boolean).join(' ') || null),
      ),
    },
    {
      key: 'shelters',
      title: t('command.suggest.shelters'),
      rows: s.shelters.map((x) => rowOf(x, t('command.suggest.freePlaces', { n: x.quantity ?? 0 }))),
    },
    { key: 'experts', title: t('command.suggest.experts'), rows: s.experts.map((x) => rowOf(x, x.detail)) },
  ];
  return (
    <Card
      size="small"
      title={t('command.suggest.title')}
      style={{ marginBottom: 12 }}
      data-testid="response-suggestions"
      extra={
        <Space size={4}>
          <Typography.Text type="secondary">{t('command.suggest.radius')}</Typography.Text>
          <Select
            size="small"
            value={radiusKm}
            onChange={setRadiusKm}
            options={RADII.map((n) => ({ value: n, label: t('command.suggest.km', { n }) }))}
            style={{ width: 100 }}
            data-testid="suggestions-radius"
          />
        </Space>
      }
    >
      {q.isPending ? (
        <Spin />
      ) : !s ? (
        <Empty />
      ) : s.centerSource === 'none' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.suggest.noLocation')} data-testid="suggestions-no-location" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="suggestions-basis">
            {t(s.centerSource === 'post' ? 'command.suggest.centerPost' : 'command.suggest.centerIncident')}
            {' · '}
            {s.materialCodes.length
              ? t('command.suggest.planMaterials', { codes: s.materialCodes.join('、') })
              : t('command.suggest.anyWarehouse')}
            {s.eventType ? ` · ${t('command.suggest.expertMatch', { code: s.eventType })}` : ''}
          </Typography.Paragraph>
          <Row gutter={16}>
            {lists?.map((l) => (
              <Col key={l.key} xs={24} md={12} xl={6}>
                <SuggestionList
                  title={l.title}
                  rows={l.rows}
                  {...(act ? { onAct: act } : {})}
                  busyId={busyId}
                  testId={`suggestions-${l.key}`}
                />
              </Col>
            ))}
          </Row>
        </>
      )}
      <BasketSuggestions center={s?.center ?? null} {...(act ? { onAct: act } : {})} busyId={busyId} />
      {picked?.kind === 'team' && <DispatchTeamModal responseId={response.id} team={picked} onClose={() => setPicked(null)} />}
      {picked?.kind === 'warehouse' && <WarehouseDispatch warehouse={picked} tasks={tasks} onClose={() => setPicked(null)} />}
    </Card>
  );
}
