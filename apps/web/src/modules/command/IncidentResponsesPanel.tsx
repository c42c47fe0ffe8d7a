import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseDto } from '@vigil/shared';
import { Button, Card, Empty, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { errorText } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { COMMAND_KEY, fetchResponses, responsesKey } from './command.api';
import { ResponseLevelTag, ResponseStatusTag } from './CommandTags';
import { LaunchResponseModal } from './LaunchResponseModal';
import { ResponseActions } from './ResponseActions';

function ResponseItem({ r }: { r: ResponseDto }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="incident-response"
      data-id={r.id}
      data-level={r.level}
      data-status={r.status}
      style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <ResponseLevelTag level={r.level} />
          <Link to={`/responses/${r.id}`} data-testid="incident-response-name">
            {r.name}
          </Link>
          <ResponseStatusTag status={r.status} testId="incident-response-status" />
          <Link to={`/responses/${r.id}`} data-testid="incident-response-open">
            {t('command.open')}
          </Link>
        </Space>
        <Typography.Text type="secondary">
          {r.planName ? `${t('command.fields.plan')}：${r.planName} · ` : ''}
          {t('command.fields.launchedAt')} {formatBeijing(r.launchedAt, false)}
          {r.launchedBy ? ` · ${r.launchedBy}` : ''}
          {r.post.name ? ` · ${t('command.post')}：${r.post.name}` : ''}
        </Typography.Text>
        <ResponseActions response={r} size="small" />
      </Space>
    </div>
  );
}

/** 应急响应: the incident's responses, with 启动响应 for `command.launch`. Nothing without `command.read`. */
export function IncidentResponsesPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [launching, setLaunching] = useState(false);
  const allowed = can(me.data, 'command.read');
  const q = useQuery({
    queryKey: responsesKey(incidentId),
    queryFn: () => fetchResponses(incidentId),
    enabled: allowed && !!incidentId,
    meta: { silent: true },
  });
  useRealtime('command', () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }));
  if (!allowed) return null;
  return (
    <Card
      size="small"
      title={t('command.responses')}
      style={{ marginBottom: 12 }}
      data-testid="incident-responses-panel"
      extra={
        can(me.data, 'command.launch') && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)} data-testid="response-launch">
            {t('command.launch')}
          </Button>
        )
      }
    >
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>
      ) : q.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.noResponses')} />
      ) : (
        q.data.map((r) => <ResponseItem key={r.id} r={r} />)
      )}
      {can(me.data, 'command.launch') && (
        <LaunchResponseModal incidentId={incidentId} open={launching} onClose={() => setLaunching(false)} />
      )}
    </Card>
  );
}
