import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeviceWithSecretDto } from '@vigil/shared';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../../app/session';
import { currentCursor, FIRST_PAGE } from '../../../lib/cursor-pages';
import { CursorPager } from '../../../ui/CursorPager';
import { OnceSecretModal } from '../../../ui/OnceSecretModal';
import { PageHeader } from '../../../ui/PageHeader';
import { DeviceFilterBar, type DeviceFilterValues } from './DeviceFilterBar';
import { DeviceFormModal } from './DeviceFormModal';
import { DeviceImportDialog } from './DeviceImportDialog';
import { DeviceTable } from './DeviceTable';
import { DEVICES_KEY, fetchDevices } from './devices.api';

/** `/monitoring/devices`: the devices in scope, filtered and paged on the server; register, import. */
export default function DevicesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<DeviceFilterValues>({});
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [created, setCreated] = useState<DeviceWithSecretDto | null>(null);
  const cursor = currentCursor(pages);
  const query = { ...filters, includeArchived: filters.includeArchived ? 'true' : undefined };
  const list = useQuery({
    queryKey: [...DEVICES_KEY, 'list', query, limit, cursor],
    queryFn: () => fetchDevices({ ...query, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const manage = can(me.data, 'monitoring.manage');

  return (
    <div data-testid="devices-page">
      <PageHeader
        title={t('devices.title')}
        extra={
          manage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="device-import">
                {t('devices.import.button')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="device-create">
                {t('devices.create')}
              </Button>
            </>
          )
        }
      />
      <Card size="small">
        <DeviceFilterBar
          onSearch={(v) => {
            setFilters(v);
            setPages(FIRST_PAGE);
          }}
        />
        <DeviceTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          onOpen={(d) => void navigate(`/monitoring/devices/${d.id}`)}
        />
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
      </Card>
      {creating && (
        <DeviceFormModal
          record={null}
          onClose={(_saved, withSecret) => {
            setCreating(false);
            if (withSecret) setCreated(withSecret);
          }}
        />
      )}
      <DeviceImportDialog open={importing} onClose={() => setImporting(false)} />
      <OnceSecretModal
        open={!!created}
        title={t('devices.secretTitle', { code: created?.device.code ?? '' })}
        hint={t('devices.secretHint')}
        secret={created?.secret ?? null}
        onClose={() => {
          const id = created?.device.id;
          setCreated(null);
          if (id) void navigate(`/monitoring/devices/${id}`);
        }}
        testId="device-secret"
      />
    </div>
  );
}
