import type { ChannelStatusDto, DeliverySummaryDto, NotifyChannel } from '@vigil/shared';
import { Card, Col, Progress, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { channelProgress, DELIVERY_STATUS_TAG } from './delivery-format';

const STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed'] as const;

function ChannelSetup({ status }: { status: ChannelStatusDto | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  if (!status.configured)
    return (
      <Typography.Text type="danger" data-testid="channel-not-configured">
        {t('notify.dashboard.notConfigured', { reason: status.reason ?? '' })}
      </Typography.Text>
    );
  if (status.simulated) return <Tag color="orange">{t('notify.dashboard.simulated')}</Tag>;
  return null;
}

/** One card per channel: progress (handed over / delivered / failed) and counts by status. */
export function ChannelSummary({
  summary,
  active,
  onPick,
}: {
  summary: DeliverySummaryDto;
  active?: NotifyChannel;
  onPick: (c: NotifyChannel) => void;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="delivery-summary">
      {summary.channels.map((c) => {
        const p = channelProgress(c);
        return (
          <Col key={c.channel} xs={24} sm={12} xl={6}>
            <Card
              size="small"
              hoverable
              onClick={() => onPick(c.channel)}
              style={active === c.channel ? { borderColor: '#1677ff' } : undefined}
              title={`${t(`notify.channels.${c.channel}`)} · ${c.total}`}
              data-testid={`delivery-summary-${c.channel}`}
            >
              <Tooltip title={t('notify.dashboard.progress', { done: p.done })}>
                <Progress
                  percent={p.done + p.failed}
                  success={{ percent: p.delivered }}
                  status={c.failed > 0 ? 'exception' : c.pending + c.sending > 0 ? 'active' : 'success'}
                  format={() => `${p.done}%`}
                />
              </Tooltip>
              <Space size={[4, 4]} wrap>
                {STATUSES.filter((s) => c[s] > 0).map((s) => (
                  <Tag key={s} color={DELIVERY_STATUS_TAG[s]}>
                    {t(`notify.statuses.${s}`)} {c[s]}
                  </Tag>
                ))}
              </Space>
              <div>
                <ChannelSetup status={summary.channelStatus.find((x) => x.channel === c.channel)} />
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
