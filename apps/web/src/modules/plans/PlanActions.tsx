import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanDto } from '@vigil/shared';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { stepButtons, type PlanStep } from './plan-actions';
import { activatePlan, approvePlan, newPlanVersion, PLANS_KEY, rejectPlan, retirePlan, submitPlan } from './plans.api';
import { StepModal } from './StepModal';

type Run = { step: PlanStep; text?: string };

/** The workflow buttons the plan's abilities allow; a reason or a note is asked for in a dialog. */
export function PlanActions({ plan: p }: { plan: PlanDto }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<PlanStep | null>(null);

  const run = useMutation({
    mutationFn: ({ step, text }: Run): Promise<PlanDto> => {
      switch (step) {
        case 'submit':
          return submitPlan(p.id, p.revision);
        case 'approve':
          return approvePlan(p.id, p.revision, text);
        case 'reject':
          return rejectPlan(p.id, p.revision, text ?? '');
        case 'activate':
          return activatePlan(p.id, p.revision);
        case 'retire':
          return retirePlan(p.id, p.revision);
        case 'newVersion':
          return newPlanVersion(p.id);
        default:
          throw new Error(`not a workflow step: ${step}`);
      }
    },
    meta: { silent: true },
    onSuccess: async (result, { step }) => {
      setAsking(null);
      notifySuccess(t(`plans.done.${step}`));
      await qc.invalidateQueries({ queryKey: PLANS_KEY });
      if (step === 'newVersion') void navigate(`/plans/${result.id}/edit`);
    },
    onError: (e) => {
      notifyError(e);
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: PLANS_KEY });
    },
  });

  const buttons = stepButtons(p.abilities);
  if (!buttons.length) return null;
  const click = (step: PlanStep, input: string) => {
    if (step === 'edit') return void navigate(`/plans/${p.id}/edit`);
    if (input === 'reason' || input === 'note') return setAsking(step);
    modal.confirm({
      title: t(`plans.steps.${step}`),
      content: t(`plans.confirm.${step}`, { defaultValue: '' }) || undefined,
      okText: t(`plans.steps.${step}`),
      okButtonProps: { 'data-testid': 'plan-confirm-ok' },
      onOk: () => run.mutateAsync({ step }).catch(() => undefined),
    });
  };

  return (
    <Space wrap data-testid="plan-actions">
      {buttons.map((b) => (
        <Button
          key={b.step}
          type={b.primary ? 'primary' : 'default'}
          danger={b.danger}
          loading={run.isPending && run.variables?.step === b.step}
          onClick={() => click(b.step, b.input)}
          data-testid={`plan-action-${b.step}`}
        >
          {t(`plans.steps.${b.step}`)}
        </Button>
      ))}
      <StepModal
        open={asking !== null}
        title={asking ? t(`plans.steps.${asking}`) : ''}
        mode={asking === 'reject' ? 'reason' : 'note'}
        okText={asking ? t(`plans.steps.${asking}`) : undefined}
        busy={run.isPending}
        onOk={(text) => asking && run.mutate({ step: asking, text })}
        onClose={() => setAsking(null)}
      />
    </Space>
  );
}
