import { RecordError } from '../../ui/RecordStates';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { PlanChangeDto } from '@vigil/shared';
import { Card, Empty, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { compareTargets } from './plan-actions';
import { changeValueText, groupChanges, type Lang } from './plan-format';
import { fetchPlanDiff, PLANS_KEY, usePlan, usePlanVersions } from './plans.api';
import { ResponseLevelTag } from './PlanTags';

const OP_COLOUR: Record<PlanChangeDto['op'], string> = { added: 'green', removed: 'red', changed: 'blue' };

/** 版本对比: the structured changes from `?against=` to this version, grouped by plan fields and response level. */
export default function PlanDiffPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const against = search.get('against') ?? '';
  const plan = usePlan(id);
  const versions = usePlanVersions(id);
  const diff = useQuery({
    queryKey: [...PLANS_KEY, 'diff', id, against],
    queryFn: () => fetchPlanDiff(id, against),
    enabled: !!id && !!against,
    meta: { silent: true },
  });

  const back = (
    <Link to={`/plans/${id}`} aria-label={t('plans.backToDetail')}>
      <ArrowLeftOutlined />
    </Link>
  );
  if (plan.isError || diff.isError) {
    const err = plan.error ?? diff.error;
    return <RecordError error={err} back={{ to: `/plans/${id}`, label: t('plans.backToDetail') }} />;
  }
  const groups = diff.data ? groupChanges(diff.data.changes) : [];
  const others = plan.data && versions.data ? compareTargets(plan.data, versions.data) : [];

  return (
    <div data-testid="plan-diff">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="center">
          {back}
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('plans.diff.title')}
            {plan.data ? ` · ${plan.data.name}` : ''}
          </Typography.Title>
          {diff.data && <Tag color="blue">{t('plans.diff.fromTo', { from: diff.data.from.versionNo, to: diff.data.to.versionNo })}</Tag>}
          <Typography.Text type="secondary">{t('plans.diff.against')}</Typography.Text>
          <Select
            value={against || undefined}
            onChange={(v: string) => setSearch({ against: v })}
            options={others.map((v) => ({
              value: v.id,
              label: `${t('plans.versionN', { n: v.versionNo })} · ${t(`plans.statuses.${v.status}`)}`,
            }))}
            loading={versions.isPending}
            style={{ width: 200 }}
            data-testid="plan-diff-against"
          />
        </Space>
      </Card>
      {diff.isFetching && !diff.data ? (
        <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />
      ) : !against || !diff.data ? (
        <Empty />
      ) : groups.length === 0 ? (
        <Card size="small">
          <Empty description={t('plans.diff.noChanges')} data-testid="plan-diff-empty" />
        </Card>
      ) : (
        groups.map((g) => (
          <Card
            key={g.level ?? 'fields'}
            size="small"
            title={g.level ? <ResponseLevelTag level={g.level} /> : t('plans.diff.fields')}
            style={{ marginBottom: 12 }}
            data-testid="plan-diff-group"
          >
            <Table<PlanChangeDto>
              size="small"
              rowKey={(c) => `${c.path}:${c.op}`}
              dataSource={g.changes}
              pagination={false}
              onRow={(c) => ({ 'data-testid': 'plan-change', 'data-op': c.op, 'data-path': c.path }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('plans.diff.item'), dataIndex: 'label', width: 220 },
                {
                  title: t('plans.diff.change'),
                  dataIndex: 'op',
                  width: 80,
                  render: (op: PlanChangeDto['op']) => <Tag color={OP_COLOUR[op]}>{t(`plans.diff.ops.${op}`)}</Tag>,
                },
                {
                  title: t('plans.diff.before'),
                  key: 'before',
                  render: (_, c) => (
                    <Typography.Text delete={c.op !== 'added'} type={c.op === 'added' ? 'secondary' : undefined}>
                      {changeValueText(c.before, lang)}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('plans.diff.after'),
                  key: 'after',
                  render: (_, c) => (
                    <Typography.Text type={c.op === 'removed' ? 'secondary' : 'success'}>{changeValueText(c.after, lang)}</Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        ))
      )}
    </div>
  );
}
