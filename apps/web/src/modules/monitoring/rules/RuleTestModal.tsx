import type { AlarmLevel, RuleTestResult } from '@vigil/shared';
import { Alert, Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../../lib/time';
import { AlarmLevelTag } from '../alarms/AlarmTags';
import { formatValue } from '../alarms/alarm-format';

const TYPE_COLORS = { raise: 'red', repeat: 'orange', clear: 'green' } as const;

/** What a rule would have raised and cleared over the last 24 hours of stored readings. */
export function RuleTestModal({ result, onClose }: { result: RuleTestResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!result}
      title={t('alarmRules.testTitle')}
      width={820}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="rule-test-result"
    >
      {result && (
        <>
          <Alert
            type={result.transitions.length ? 'warning' : 'success'}
            showIcon
            title={t('alarmRules.testSummary', {
              points: result.points,
              readings: result.readings,
              raised: result.transitions.filter((x) => x.type === 'raise').length,
            })}
            description={result.truncated ? t('alarmRules.testTruncated') : undefined}
            style={{ marginBottom: 12 }}
          />
          <Table
            size="small"
            rowKey={(r) => `${r.at}-${r.subjectKey}-${r.type}`}
            dataSource={result.transitions}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('alarmRules.testAt'), dataIndex: 'at', render: (v: string) => formatBeijing(v) },
              {
                title: t('alarmRules.testType'),
                dataIndex: 'type',
                render: (v: 'raise') => <Tag color={TYPE_COLORS[v]}>{t(`alarmRules.transitions.${v}`)}</Tag>,
              },
              { title: t('alarms.fields.level'), dataIndex: 'level', render: (v: AlarmLevel) => <AlarmLevelTag level={v} /> },
              { title: t('alarms.fields.device'), dataIndex: 'deviceName' },
              { title: t('alarms.fields.point'), dataIndex: 'pointName' },
              {
                title: t('alarms.fields.value'),
                render: (_, r) => `${formatValue(r.value)}${r.threshold !== null ? ` / ${formatValue(r.threshold)}` : ''}`,
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
