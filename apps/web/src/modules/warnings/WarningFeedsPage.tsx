import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { WarningFeedDto } from '@vigil/shared';
import { Button, Card, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { FeedFormModal } from './FeedFormModal';
import { FeedsTable } from './FeedsTable';
import { ImportLogTable } from './ImportLogTable';
import { ImportUploadCard } from './ImportUploadCard';
import { fetchFeeds, FEEDS_KEY } from './warnings.api';

/** 外部预警接入: the CAP/Atom feeds polled by the server, a manual upload of one alert, and the import log. */
export default function WarningFeedsPage() {
  const { t } = useTranslation();
  const feeds = useQuery({ queryKey: FEEDS_KEY, queryFn: fetchFeeds });
  const [editing, setEditing] = useState<{ feed: WarningFeedDto | null } | null>(null);
  return (
    <div data-testid="warning-feeds-page">
      <PageHeader
        title={
          <Space>
            <Link to="/warnings" aria-label={t('warnings.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {t('warnings.feeds.title')}
          </Space>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ feed: null })} data-testid="feed-add">
            {t('warnings.feeds.add')}
          </Button>
        }
      />
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('warnings.feeds.list')} style={{ marginBottom: 12 }}>
            <FeedsTable feeds={feeds.data ?? []} loading={feeds.isFetching} onEdit={(feed) => setEditing({ feed })} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('warnings.imports.title')} style={{ marginBottom: 12 }}>
            <ImportUploadCard />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('warnings.imports.log')}>
        <ImportLogTable feeds={feeds.data ?? []} />
      </Card>
      <FeedFormModal open={editing !== null} feed={editing?.feed ?? null} onClose={() => setEditing(null)} />
    </div>
  );
}
