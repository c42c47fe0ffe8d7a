import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { downloadSituationPdf, useSituation } from './assessment.api';
import { downloadSituationDocx } from './dispatch-suggest.api';

/**
 * 综合信息: the incident's casualties and trend, responses, tasks by status, deployed forces and
 * materials, with PDF (with the plot's map snapshot) and Word exports.
 */
export function SituationCard({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const q = useSituation(incidentId);
  const [busy, setBusy] = useState<'pdf' | 'docx' | null>(null);
  const exportAs = async (format: 'pdf' | 'docx', title: string) => {
    setBusy(format);
    try {
      await (format === 'pdf' ? downloadSituationPdf(incidentId, title) : downloadSituationDocx(incidentId, title));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const s = q.data;
  return (
    <Card
      size="small"
      title={t('assessment.situation')}
      style={{ marginBottom: 12 }}
      data-testid="situation-card"
      extra={
        s && (
          <Space size={8}>
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              loading={busy === 'pdf'}
              disabled={busy !== null}
              onClick={() => void exportAs('pdf', s.incident.title)}
              data-testid="situation-pdf"
            >
              {t('assessment.exportPdf')}
            </Button>
            <Button
              size="small"
              icon={<FileWordOutlined />}
              loading={busy === 'docx'}
              disabled={busy !== null}
              onClick={() => void exportAs('docx', s.incident.title)}
              data-testid="situation-docx"
            >
              {t('command.exportWord')}
            </Button>
          </Space>
        )
      }
    >
      {q.isPending ? (
        <Spin />
      ) : !s ? (
        <Empty />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Descriptions size="small" column={4} title={t('assessment.casualties')} data-testid="situation-casualties">
            <Descriptions.Item label={t('assessment.dead')}>{s.casualties.dead}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.missing')}>{s.casualties.missing}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.seriouslyInjured')}>{s.casualties.seriouslyInjured}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.lightlyInjured')}>{s.casualties.lightlyInjured}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey={(p) => `${p.at}-${p.source}`}
            dataSource={s.casualtyTrend}
            data-testid="situation-trend"
            columns={[
              { title: t('assessment.trend'), dataIndex: 'at', render: (v: string) => formatBeijing(v) },
              { title: '', dataIndex: 'source' },
              { title: t('assessment.dead'), dataIndex: 'dead' },
              { title: t('assessment.missing'), dataIndex: 'missing' },
              { title: t('assessment.seriouslyInjured'), dataIndex: 'seriouslyInjured' },
              { title: t('assessment.lightlyInjured'), dataIndex: 'lightlyInjured' },
            ]}
          />
          <div data-testid="situation-tasks">
            <Typography.Text strong>{t('assessment.tasksByStatus')}：</Typography.Text>
            {Object.entries(s.tasksByStatus).map(([k, n]) => (
              <Tag key={k} data-status={k}>
                {t(`command.taskStatuses.${k}`)} {n}
              </Tag>
            ))}
          </div>
          <div data-testid="situation-forces">
            <Typography.Text strong>{t('assessment.forces')}：</Typography.Text>
            {s.assignees.length === 0
              ? t('assessment.none')
              : s.assignees.map((a) => <Tag key={`${a.kind}-${a.name}`}>{`${a.name} × ${a.tasks}`}</Tag>)}
            {(s.equipment ?? []).map((e) => (
              <Tag key={`equipment-${e.equipmentType ?? ''}`} color="blue" data-testid="situation-equipment">
                {`${e.equipmentType ? t(`resources.enums.equipmentType.${e.equipmentType}`) : t('command.fields.equipment')} × ${e.dispatched}`}
              </Tag>
            ))}
          </div>
          <div data-testid="situation-materials">
            <Typography.Text strong>{t('assessment.materials')}：</Typography.Text>
            {s.materials.length === 0
              ? t('assessment.none')
              : s.materials.map((m) => <Tag key={`${m.itemName}-${m.unit}`}>{`${m.itemName} ${m.dispatched - m.returned}${m.unit}`}</Tag>)}
          </div>
        </Space>
      )}
    </Card>
  );
}
