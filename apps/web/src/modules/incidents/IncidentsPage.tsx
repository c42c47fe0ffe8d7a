import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { useRealtime } from '../../lib/useRealtime';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { IncidentFilterBar } from './IncidentFilterBar';
import { IncidentsMap } from './IncidentsMap';
import { IncidentsTable } from './IncidentsTable';
import { toIncidentFilters, type IncidentFilters } from './incident-format';
import { exportIncidents, fetchIncidentPoints, fetchIncidents, INCIDENTS_KEY } from './incidents.api';
import './incidents.css';

/** 事件接报: filter incidents, page through them in a table beside the map, export; refreshes live. */
export default function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<IncidentFilters>({});
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', filters, limit, cursor],
    queryFn: () => fetchIncidents({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const points = useQuery({
    queryKey: [...INCIDENTS_KEY, 'points', filters],
    queryFn: () => fetchIncidentPoints(filters),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({ mutationFn: exportIncidents });

  // A burst of events (a worker run) refreshes once.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('incidents', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'points'] });
    }, 500);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  return (
    <div data-testid="incidents-page">
      <PageHeader
        title={t('incidents.title')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting.isPending}
              onClick={() => exporting.mutate(filters)}
              data-testid="incident-export"
            >
              {t('incidents.export')}
            </Button>
            {can(me.data, 'incident.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/incidents/new')} data-testid="incident-create">
                {t('incidents.createTitle')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <IncidentFilterBar
          onSearch={(v) => {
            setFilters(toIncidentFilters(v));
            setPages(FIRST_PAGE);
          }}
        />
        <div className="vg-incidents-split">
          <div>
            <IncidentsTable items={list.data?.items ?? []} loading={list.isFetching} />
            <CursorPager
              pages={pages}
              onPages={setPages}
              nextCursor={list.data?.nextCursor}
              total={list.data?.total}
              limit={limit}
              onLimit={(n) => {
                setLimit(n);
                setPages(FIRST_PAGE);
              }}
              loading={list.isFetching}
            />
          </div>
          <IncidentsMap data={points.data} loading={points.isFetching} />
        </div>
      </Card>
    </div>
  );
}
