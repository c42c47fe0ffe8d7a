import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { errorText } from '../../lib/notify';
import { beijingDate } from '../../lib/time';
import { pickerValue, type Dayjs } from '../incidents/picker-time';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { DailyReportPreview } from './DailyReportPreview';
import { DUTY_KEY, downloadDailyReport, fetchDailyReport } from './duty.api';

/** 值班日报: choose an org and a day, preview the sections, download as Excel or PDF. */
export function DailyReport() {
  const { t } = useTranslation();
  const me = useMe();
  const [orgId, setOrgId] = useState<string | undefined>(me.data?.org.id);
  const [date, setDate] = useState(() => beijingDate(new Date()));
  const report = useQuery({
    queryKey: [...DUTY_KEY, 'daily', orgId, date],
    queryFn: () => fetchDailyReport(orgId, date),
    meta: { silent: true },
  });
  const file = useMutation({ mutationFn: (format: 'xlsx' | 'pdf') => downloadDailyReport(orgId, date, format) });

  return (
    <div data-testid="daily-report">
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: 240 }} testId="daily-report-org" />
        <DatePicker
          value={pickerValue(date)}
          allowClear={false}
          onChange={(d: Dayjs | null) => d && setDate(d.format('YYYY-MM-DD'))}
          data-testid="daily-report-date"
        />
        <Button
          icon={<FileExcelOutlined />}
          loading={file.isPending && file.variables === 'xlsx'}
          onClick={() => file.mutate('xlsx')}
          data-testid="daily-report-xlsx"
        >
          {t('duty.daily.excel')}
        </Button>
        <Button
          type="primary"
          icon={<FilePdfOutlined />}
          loading={file.isPending && file.variables === 'pdf'}
          onClick={() => file.mutate('pdf')}
          data-testid="daily-report-pdf"
        >
          {t('duty.daily.pdf')}
        </Button>
      </Space>
      {report.isPending ? (
        <Spin />
      ) : report.isError ? (
        <Alert type="error" showIcon title={errorText(report.error)} />
      ) : (
        <DailyReportPreview report={report.data} />
      )}
    </div>
  );
}
