import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, notifyError, notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { decisionsKey, fetchDecisions, recordDecision } from './consult.api';

/** 会商结论: the recorded conclusions, newest first, with 记录结论 for those who may decide. */
export function DecisionsList({ incidentId, mayDecide }: { incidentId: string; mayDecide: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: decisionsKey(incidentId), queryFn: () => fetchDecisions(incidentId), meta: { silent: true } });

  const submit = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await recordDecision(incidentId, text.trim());
      notifySuccess(t('consult.decisionRecorded'));
      setOpen(false);
      setText('');
      void qc.invalidateQueries({ queryKey: decisionsKey(incidentId) });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="consult-decisions">
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4 }}>
        <Typography.Text strong>{t('consult.decisions')}</Typography.Text>
        {mayDecide && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="consult-record-decision">
            {t('consult.recordDecision')}
          </Button>
        )}
      </div>
      {q.isError && <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>}
      {q.data && q.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consult.noDecisions')} />}
      {q.data?.items.map((d) => (
        <div key={d.id} data-testid="consult-decision" style={{ padding: '4px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{d.summary}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBeijing(d.at, false)}
            {d.authorName ? ` · ${d.authorName}` : ''}
          </Typography.Text>
        </div>
      ))}
      <Modal
        open={open}
        title={t('consult.recordDecision')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: !text.trim(), loading: busy, 'data-testid': 'consult-decision-ok' } as never}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('consult.decisionPlaceholder')}
          data-testid="consult-decision-input"
        />
      </Modal>
    </div>
  );
}
