import { RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../../app/session';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { COMMAND_KEY, useResponse, useResponseTasks } from './command.api';
import { ResponseLevelTag, ResponseStatusTag } from './CommandTags';
import { DispatchSuggestCard } from './DispatchSuggestCard';
import { ResponseActions } from './ResponseActions';
import { SituationCard } from './SituationCard';
import { TaskCreateModal } from './TaskCreateModal';
import { TaskTable } from './TaskTable';

/**
 * 应急响应详情: level, status and actions, the situation summary, nearby resources to dispatch
 * (while active), the command post and its members, level history and the tasks.
 */
export default function ResponseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const q = useResponse(id);
  const tasks = useResponseTasks(id);
  const [creating, setCreating] = useState(false);
  useRealtime('command', () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }));

  if (q.isPending) return <RecordLoading />;
  if (q.isError) return <RecordError error={q.error} testId="response-error" />;
  const r = q.data;
  const active = r.status === 'active';
  const canCreate = active && can(me.data, 'command.dispatch') && (r.abilities ? r.abilities.createTask : true);

  return (
    <div data-testid="response-detail" data-id={r.id} data-status={r.status} data-level={r.level}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Space wrap align="center">
            <Link to={`/incidents/${r.incidentId}`} aria-label={t('command.backToIncident')} data-testid="response-back">
              <ArrowLeftOutlined />
            </Link>
            <ResponseLevelTag level={r.level} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="response-name">
              {r.name}
            </Typography.Title>
            <ResponseStatusTag status={r.status} testId="response-status" />
            <Typography.Text type="secondary">
              {t('command.fields.launchedAt')} {formatBeijing(r.launchedAt, false)}
              {r.launchedBy ? ` · ${r.launchedBy}` : ''}
            </Typography.Text>
          </Space>
          <ResponseActions response={r} />
        </div>
        {!active && (
          <Link to={`/assessments/${r.id}`} data-testid="response-assessment">
            {t('assessment.openAssessment')}
          </Link>
        )}
      </Card>
      <SituationCard incidentId={r.incidentId} />
      {active && <DispatchSuggestCard response={r} tasks={tasks.data ?? []} canDispatch={canCreate} />}
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={`${t('command.tasks')}（${tasks.data?.length ?? r.taskCount}）`}
            style={{ marginBottom: 12 }}
            extra={
              canCreate && (
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
                  {t('command.createTask')}
                </Button>
              )
            }
          >
            <TaskTable
              tasks={tasks.data ?? []}
              loading={tasks.isFetching}
              responseActive={active}
              canDispatch={can(me.data, 'command.dispatch')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('command.post')} style={{ marginBottom: 12 }} data-testid="response-post">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('command.fields.plan')}>
                {r.planId ? <Link to={`/plans/${r.planId}`}>{r.planName ?? r.planId}</Link> : t('command.noPlan')}
              </Descriptions.Item>
              <Descriptions.Item label={t('command.fields.postName')}>{r.post.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('command.fields.postAddress')}>{r.post.address ?? '—'}</Descriptions.Item>
              {r.post.location && (
                <Descriptions.Item label={`${t('command.fields.lng')} / ${t('command.fields.lat')}`}>
                  {r.post.location.lng.toFixed(6)}, {r.post.location.lat.toFixed(6)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('command.fields.escalateAfterMinutes')}>{r.escalateAfterMinutes}</Descriptions.Item>
              {r.terminatedAt && (
                <Descriptions.Item label={t('command.fields.terminatedAt')}>{formatBeijing(r.terminatedAt, false)}</Descriptions.Item>
              )}
              {r.terminateReason && (
                <Descriptions.Item label={t('command.fields.terminateReason')}>
                  <span data-testid="response-terminate-reason">{r.terminateReason}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5}>{t('command.members')}</Typography.Title>
            {r.post.members.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.noMembers')} />
            ) : (
              <Space orientation="vertical" size={4} data-testid="response-members">
                {r.post.members.map((m) => (
                  <Space key={m.userId} data-testid="response-member" data-user-id={m.userId}>
                    <Tag color={m.role === 'commander' ? 'red' : m.role === 'deputy' ? 'orange' : undefined}>
                      {t(`command.postRoles.${m.role}`)}
                    </Tag>
                    {m.name ?? m.userId}
                  </Space>
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('command.levelHistory')} style={{ marginBottom: 12 }} data-testid="response-level-history">
            <Timeline
              items={r.levelHistory.map((h) => ({
                content: (
                  <Space orientation="vertical" size={0}>
                    <Space size={4}>
                      {h.from && (
                        <>
                          <ResponseLevelTag level={h.from} />→
                        </>
                      )}
                      <ResponseLevelTag level={h.to} />
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatBeijing(h.at, false)} {h.by ?? ''}
                    </Typography.Text>
                    {h.reason && <Typography.Text>{h.reason}</Typography.Text>}
                  </Space>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {canCreate && creating && <TaskCreateModal responseId={r.id} open onClose={() => setCreating(false)} />}
    </div>
  );
}
