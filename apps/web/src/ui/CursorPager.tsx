import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nextPage, pageNumber, prevPage, type CursorPages } from '../lib/cursor-pages';

/** Previous / next buttons, page size and total for a cursor-paged table. */
export function CursorPager(props: {
  pages: CursorPages;
  onPages: (p: CursorPages) => void;
  nextCursor: string | null | undefined;
  total: number | undefined;
  limit: number;
  onLimit: (n: number) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12, width: '100%', justifyContent: 'flex-end' }} data-testid="pager">
      <Typography.Text type="secondary">{t('common.total', { count: props.total ?? 0 })}</Typography.Text>
      <Button
        size="small"
        icon={<LeftOutlined />}
        disabled={pageNumber(props.pages) <= 1 || props.loading}
        onClick={() => props.onPages(prevPage(props.pages))}
      >
        {t('common.prev')}
      </Button>
      <Typography.Text>{t('common.page', { n: pageNumber(props.pages) })}</Typography.Text>
      <Button
        size="small"
        disabled={!props.nextCursor || props.loading}
        onClick={() => props.onPages(nextPage(props.pages, props.nextCursor))}
      >
        {t('common.next')} <RightOutlined />
      </Button>
      <Select
        size="small"
        value={props.limit}
        onChange={props.onLimit}
        options={[20, 50, 100].map((n) => ({ value: n, label: t('common.perPage', { n }) }))}
        style={{ width: 110 }}
      />
    </Space>
  );
}
