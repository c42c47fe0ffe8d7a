import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InstructionDto, InstructionTargetDto } from '@vigil/shared';
import { Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { showFormError } from '../../lib/forms';
import { formatBeijing } from '../../lib/time';
import { INCIDENTS_KEY } from '../incidents/incidents.api';
import { acknowledgeInstruction, answerInstruction, INSTRUCTIONS_KEY } from './reporting.api';

function targetState(x: InstructionTargetDto, t: (k: string) => string) {
  if (x.feedbackAt) return <Tag color="green">{t('instructions.answered')}</Tag>;
  if (x.overdue) return <Tag color="red">{t('instructions.overdue')}</Tag>;
  if (x.acknowledgedAt) return <Tag color="blue">{t('instructions.acknowledged')}</Tag>;
  return <Tag color="orange">{t('instructions.waiting')}</Tag>;
}

/** One instruction: text, author, due time, each target's receipt and feedback; my acknowledge/feedback buttons. */
export function InstructionItem({ instruction: i, showIncident }: { instruction: InstructionDto; showIncident?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [answering, setAnswering] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const mine = i.targets.find((x) => (x.kind === 'user' ? x.user?.id === me.data?.user.id : x.org.id === me.data?.org.id));
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
    await qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', i.incidentId] });
  };
  const ack = useMutation({ mutationFn: () => acknowledgeInstruction(i.id), onSuccess: refresh });
  const answer = useMutation({
    mutationFn: (text: string) => answerInstruction(i.id, text),
    meta: { silent: true },
    onSuccess: async () => {
      setAnswering(false);
      await refresh();
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <div
      data-testid="instruction-item"
      data-open={i.openTargets > 0 ? 'true' : 'false'}
      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      {showIncident && <Link to={`/incidents/${i.incidentId}`}>{i.incidentTitle}</Link>}
      <Typography.Paragraph style={{ margin: '2px 0', whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {i.author.name} · {formatBeijing(i.issuedAt, false)} · {t('instructions.dueAt')} {formatBeijing(i.dueAt, false)} ·{' '}
        {t('instructions.openTargets', { count: i.openTargets })}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        {i.targets.map((x) => (
          <div key={x.id} style={{ fontSize: 13 }}>
            <Space size={4} wrap>
              <span>{x.kind === 'user' ? (x.user?.name ?? '') : x.org.name}</span>
              {targetState(x, t)}
              {x.feedback && <Typography.Text type="secondary">“{x.feedback}”</Typography.Text>}
            </Space>
          </div>
        ))}
      </div>
      {i.mineOpen && mine && (
        <Space style={{ marginTop: 6 }}>
          {!mine.acknowledgedAt && (
            <Button size="small" loading={ack.isPending} onClick={() => ack.mutate()} data-testid="instruction-ack">
              {t('instructions.acknowledge')}
            </Button>
          )}
          {!mine.feedbackAt && (
            <Button size="small" type="primary" onClick={() => setAnswering(true)} data-testid="instruction-feedback">
              {t('instructions.feedback')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={answering}
        title={t('instructions.feedback')}
        onCancel={() => setAnswering(false)}
        onOk={() => form.submit()}
        confirmLoading={answer.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v.text.trim())}>
          <Form.Item
            name="text"
            label={t('instructions.feedbackText')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="instruction-feedback-text" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
