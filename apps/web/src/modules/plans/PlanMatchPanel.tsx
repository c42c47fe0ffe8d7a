import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { PlanMatchDto, WarningColour } from '@vigil/shared';
import { Card, Collapse, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { errorText } from '../../lib/notify';
import { matchLines } from './plan-actions';
import { gradeText } from './plan-format';
import { fetchPlanMatch, PLANS_KEY } from './plans.api';
import { ResponseLevelTag } from './PlanTags';

function MatchItem({ m }: { m: PlanMatchDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="plan-match" data-plan-id={m.planId} data-suggested={m.suggestedLevel ?? ''}>
      <Space wrap style={{ marginBottom: 4 }}>
        <Link to={`/plans/${m.planId}`}>{m.name}</Link>
        <Tag>{t(`plans.planTypes.${m.type}`)}</Tag>
        <Tag color="geekblue">{t(`plans.match.eventMatch.${m.eventMatch}`)}</Tag>
        {m.suggestedLevel ? (
          <Tag color="red" data-testid="plan-match-suggested">
            {t('plans.match.suggested', { level: t(`plans.responseLevels.${m.suggestedLevel}`) })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('plans.match.noSuggestion')}</Typography.Text>
        )}
      </Space>
      <Collapse
        size="small"
        ghost
        defaultActiveKey={m.suggestedLevel ? [m.suggestedLevel] : []}
        items={m.levels.map((l) => ({
          key: l.level,
          label: (
            <Space>
              <ResponseLevelTag level={l.level} />
              <Typography.Text type={l.met ? 'success' : 'secondary'}>
                {l.met ? t('plans.match.levelMet') : t('plans.match.levelNotMet')} · {t(`plans.modes.${l.mode}`)}
              </Typography.Text>
            </Space>
          ),
          children: (
            <Space orientation="vertical" size={2}>
              {matchLines(l).map((c, i) => (
                <Space key={i} data-testid="plan-match-condition" data-met={c.met}>
                  {c.met ? <CheckOutlined style={{ color: '#52c41a' }} /> : <CloseOutlined style={{ color: '#bfbfbf' }} />}
                  <Typography.Text type={c.met ? undefined : 'secondary'}>{c.text}</Typography.Text>
                </Space>
              ))}
            </Space>
          ),
        }))}
      />
    </div>
  );
}

/**
 * 匹配预案: the active plans that apply to an incident, best first, each with the suggested response
 * level and which start conditions held (✓) or not (✗). Shows nothing to a user without `plan.read`.
 */
export function PlanMatchPanel({ incidentId, warningColour }: { incidentId: string; warningColour?: WarningColour }) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = can(me.data, 'plan.read');
  const q = useQuery({
    queryKey: [...PLANS_KEY, 'match', incidentId, warningColour ?? null],
    queryFn: () => fetchPlanMatch(incidentId, warningColour),
    enabled: allowed && !!incidentId,
    meta: { silent: true },
  });
  if (!allowed) return null;
  const f = q.data?.facts;
  return (
    <Card size="small" title={t('plans.match.title')} style={{ marginBottom: 12 }} data-testid="plan-match-panel">
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {f && (
            <Typography.Text type="secondary" data-testid="plan-match-facts">
              {t('plans.match.factsLine', {
                code: f.eventCode,
                grade: gradeText(f.grade) ?? t('plans.match.ungraded'),
                dead: f.dead,
                injured: f.injured,
                missing: f.missing,
                evacuated: f.evacuated,
              })}
            </Typography.Text>
          )}
          {q.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.match.none')} />
          ) : (
            q.data.items.map((m) => <MatchItem key={m.planId} m={m} />)
          )}
        </Space>
      )}
    </Card>
  );
}
