import type { PlanResponseLevel, PlanTaskTemplate } from '@vigil/shared';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { useOrgs } from '../orgs/orgs.api';
import { conditionText, deadlineText, modeText, resourceText, type Lang } from './plan-format';
import { ResponseLevelTag } from './PlanTags';

/** The response levels of a plan, read-only: a card per level with its conditions in words and its tasks. */
export function PlanLevelsView({ levels }: { levels: readonly PlanResponseLevel[] }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const me = useMe();
  const anyOrg = levels.some((l) => l.tasks.some((x) => x.responsibleOrgId));
  const orgs = useOrgs(anyOrg && can(me.data, 'org.read'));
  const orgName = (id: string | undefined) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? null) : null);
  if (!levels.length) return <Empty description={t('plans.noLevels')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {levels.map((l) => (
        <Card
          key={l.level}
          size="small"
          type="inner"
          title={<ResponseLevelTag level={l.level} />}
          extra={<Typography.Text type="secondary">{modeText(l.start.mode, lang)}</Typography.Text>}
          data-testid="plan-level"
          data-level={l.level}
        >
          <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
            {l.start.conditions.map((c, i) => (
              <li key={i} data-testid="plan-condition">
                {conditionText(c, lang)}
              </li>
            ))}
          </ul>
          {l.note && <Typography.Paragraph type="secondary">{l.note}</Typography.Paragraph>}
          <Table<PlanTaskTemplate>
            size="small"
            rowKey={(r) => r.title}
            dataSource={l.tasks}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('plans.noTasks') }}
            data-testid="plan-tasks"
            columns={[
              { title: t('plans.levelsEditor.taskTitle'), dataIndex: 'title', width: 160 },
              {
                title: t('plans.levelsEditor.responsibleOrg'),
                key: 'who',
                width: 180,
                render: (_, r) =>
                  [orgName(r.responsibleOrgId) ?? (r.responsibleRole ? null : r.responsibleOrgId), r.responsibleRole]
                    .filter(Boolean)
                    .join(' / ') || '—',
              },
              { title: t('plans.levelsEditor.action'), dataIndex: 'action', width: 300 },
              {
                title: t('plans.levelsEditor.deadline'),
                dataIndex: 'deadlineMinutes',
                width: 110,
                render: (v: number) => deadlineText(v, lang),
              },
              {
                title: t('plans.levelsEditor.resources'),
                key: 'resources',
                width: 220,
                render: (_, r) =>
                  r.resources.length ? (
                    <Space size={2} wrap>
                      {r.resources.map((x, i) => (
                        <Tag key={i}>{resourceText(x)}</Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
