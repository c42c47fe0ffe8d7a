import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WarningDto } from '@vigil/shared';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { stepButtons, type WarningStep } from './warning-actions';
import { approveWarning, cancelWarning, publishWarning, rejectWarning, reviseWarning, submitWarning, WARNINGS_KEY } from './warnings.api';
import { StepModal } from './StepModal';

type Run = { step: WarningStep; text?: string };

/** The workflow buttons the warning's abilities allow; reasons and notes are asked for in a dialog. */
export function WarningActions({ warning: w }: { warning: WarningDto }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<WarningStep | null>(null);

  const run = useMutation({
    mutationFn: ({ step, text }: Run): Promise<WarningDto> => {
      switch (step) {
        case 'submit':
          return submitWarning(w.id);
        case 'approve':
          return approveWarning(w.id, text ? { note: text } : {});
        case 'approvePublish':
          return approveWarning(w.id, { ...(text ? { note: text } : {}), publish: true });
        case 'reject':
          return rejectWarning(w.id, text ?? '');
        case 'publish':
          return publishWarning(w.id);
        case 'revise':
          return reviseWarning(w.id);
        case 'cancel':
          return cancelWarning(w.id, text ?? '');
        default:
          throw new Error(`not a workflow step: ${step}`);
      }
    },
    meta: { silent: true },
    onSuccess: async (result, { step }) => {
      setAsking(null);
      notifySuccess(t(`warnings.done.${step}`));
      await qc.invalidateQueries({ queryKey: WARNINGS_KEY });
      if (step === 'revise') void navigate(`/warnings/${result.id}/edit`);
    },
    onError: (e) => {
      notifyError(e);
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: WARNINGS_KEY });
    },
  });

  const buttons = stepButtons(w.abilities);
  if (!buttons.length) return null;
  const click = (step: WarningStep, input: string) => {
    if (step === 'edit') return void navigate(`/warnings/${w.id}/edit`);
    if (input === 'reason' || input === 'note') return setAsking(step);
    modal.confirm({
      title: t(`warnings.steps.${step}`),
      content: t(`warnings.confirm.${step}`, { defaultValue: '' }) || undefined,
      okText: t(`warnings.steps.${step}`),
      okButtonProps: { 'data-testid': 'warning-confirm-ok' },
      onOk: () => run.mutateAsync({ step }).catch(() => undefined),
    });
  };

  return (
    <Space wrap data-testid="warning-actions">
      {buttons.map((b) => (
        <Button
          key={b.step}
          type={b.primary ? 'primary' : 'default'}
          danger={b.danger}
          loading={run.isPending && run.variables?.step === b.step}
          onClick={() => click(b.step, b.input)}
          data-testid={`warning-action-${b.step}`}
        >
          {t(`warnings.steps.${b.step}`)}
        </Button>
      ))}
      <StepModal
        open={asking !== null}
        title={asking ? t(`warnings.steps.${asking}`) : ''}
        mode={asking === 'reject' || asking === 'cancel' ? 'reason' : 'note'}
        okText={asking ? t(`warnings.steps.${asking}`) : undefined}
        busy={run.isPending}
        onOk={(text) => asking && run.mutate({ step: asking, text })}
        onClose={() => setAsking(null)}
      />
    </Space>
  );
}
