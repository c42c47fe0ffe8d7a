import { RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, FileOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { drawnOf } from './warning-area';
import { colourHex, PUBLIC_STATUSES } from './warning-format';
import { useWarning, WARNINGS_KEY } from './warnings.api';
import { WarningActions } from './WarningActions';
import { WarningAreaMap } from './WarningAreaMap';
import { WarningSteps, WarningVersions } from './WarningHistory';
import { WarningInfo } from './WarningInfo';
import { ColourTag, WarningStatusTag } from './WarningTags';

/** 预警详情: all fields, the area on a map, the workflow buttons, documents, versions and steps. */
export default function WarningDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useWarning(id);
  useRealtime('warnings', (e) => {
    const p = e.payload as { warningId?: unknown } | null;
    if (p?.warningId === id) void qc.invalidateQueries({ queryKey: WARNINGS_KEY });
  });

  if (q.isPending) return <RecordLoading />;
  if (q.isError) return <RecordError error={q.error} back={{ to: '/warnings', label: t('warnings.backToList') }} />;
  const w = q.data;
  const isPublic = PUBLIC_STATUSES.includes(w.status);

  return (
    <div data-testid="warning-detail" data-id={w.id} data-status={w.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Space wrap align="center">
            <Link to="/warnings" aria-label={t('warnings.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="warning-headline-text">
              {w.headline}
            </Typography.Title>
            <ColourTag colour={w.colour} level />
            <WarningStatusTag status={w.status} testId="warning-status" />
            <Typography.Text type="secondary">
              {w.orgName} · {t('warnings.fields.createdAt')} {formatBeijing(w.createdAt, false)}
            </Typography.Text>
          </Space>
          <WarningActions warning={w} />
        </div>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('warnings.sections.info')} style={{ marginBottom: 12 }}>
            <WarningInfo warning={w} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('warnings.sections.area')} style={{ marginBottom: 12 }}>
            <WarningAreaMap drawn={drawnOf(w.area)} divisionCodes={w.area.divisionCodes} colour={colourHex(w.colour)} height={300} />
          </Card>
          <Card size="small" title={t('warnings.sections.documents')} style={{ marginBottom: 12 }}>
            {isPublic && w.capUrl ? (
              <Space wrap>
                <Button icon={<FileOutlined />} href={w.capUrl} download data-testid="warning-cap-link">
                  {t('warnings.capXml')}
                </Button>
                {w.gbUrl && (
                  <Button icon={<FileOutlined />} href={w.gbUrl} download data-testid="warning-gb-link">
                    {t('warnings.gbXml')}
                  </Button>
                )}
                {w.source === 'internal' && (
                  <Link to={`/warnings/${w.id}/deliveries`} data-testid="warning-deliveries-link">
                    <Button icon={<SendOutlined />}>{t('warnings.deliveries')}</Button>
                  </Link>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('warnings.documentsAfterPublish')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('warnings.sections.versions')} style={{ marginBottom: 12 }}>
            <WarningVersions warning={w} />
          </Card>
          <Card size="small" title={t('warnings.sections.timeline')} style={{ marginBottom: 12 }}>
            <WarningSteps warning={w} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
