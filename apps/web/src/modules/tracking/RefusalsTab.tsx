import type { TrackRefusalDto } from '@vigil/shared';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { useLivePage } from '../../lib/useLivePage';
import { CursorPager } from '../../ui/CursorPager';
import { fetchRefusals, TRACKING_KEY } from './tracking.api';

const NO_FILTERS = {};

/** 拒收记录: positions refused (impossible jumps, bad coordinates, unknown trackers), newest first. */
export function RefusalsTab() {
  const { t } = useTranslation();
  const { list, pager } = useLivePage({
    queryKey: [...TRACKING_KEY, 'refusals'],
    topic: 'tracking',
    filters: NO_FILTERS,
    fetch: fetchRefusals,
  });
  return (
    <>
      <Table<TrackRefusalDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          { title: t('tracking.time'), render: (_, r) => formatBeijing(r.at), width: 180 },
          { title: t('tracking.code'), render: (_, r) => r.trackerCode ?? '—' },
          { title: t('tracking.source'), render: (_, r) => <Tag>{r.source.toUpperCase()}</Tag>, width: 90 },
          { title: t('tracking.reason'), dataIndex: 'message' },
        ]}
      />
      <CursorPager {...pager} />
    </>
  );
}
