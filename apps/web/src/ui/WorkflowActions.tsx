import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-error';
import { notifyError, notifySuccess } from '../lib/notify';
import { StepModal } from './StepModal';

/** A workflow button: what the step asks for first (a confirmation, a note, a reason, or nothing). */
export interface WorkflowButton<S extends string> {
  step: S;
  input: 'none' | 'confirm' | 'note' | 'reason';
  primary: boolean;
  danger: boolean;
}

/**
 * A record's workflow buttons. Labels and messages come from the locale namespace `ns`
 * (`{ns}.steps.{step}`, `{ns}.confirm.{step}`, `{ns}.done.{step}`, `{ns}.reason|note|reasonRequired`);
 * test ids are `{testId}-actions`, `{testId}-action-{step}`, `{testId}-confirm-ok`, `{testId}-step-ok|text`.
 * Steps with input `none` call `onNavigate`; a 409 (someone else changed the record) refreshes `queryKey`.
 */
export function WorkflowActions<S extends string, R>(props: {
  buttons: WorkflowButton<S>[];
  ns: string;
  testId: string;
  queryKey: readonly unknown[];
  run: (step: S, text: string | undefined) => Promise<R>;
  onNavigate?: (step: S) => void;
  onDone?: (step: S, result: R) => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<{ step: S; mode: 'reason' | 'note' } | null>(null);
  const { ns, testId } = props;

  const run = useMutation({
    mutationFn: ({ step, text }: { step: S; text?: string | undefined }) => props.run(step, text),
    meta: { silent: true },
    onSuccess: async (result, { step }) => {
      setAsking(null);
      notifySuccess(t(`${ns}.done.${step}`));
      await qc.invalidateQueries({ queryKey: props.queryKey });
      props.onDone?.(step, result);
    },
    onError: (e) => {
      notifyError(e);
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: props.queryKey });
    },
  });

  if (!props.buttons.length) return null;
  const click = (b: WorkflowButton<S>) => {
    if (b.input === 'none') return props.onNavigate?.(b.step);
    if (b.input === 'reason' || b.input === 'note') return setAsking({ step: b.step, mode: b.input });
    modal.confirm({
      title: t(`${ns}.steps.${b.step}`),
      content: t(`${ns}.confirm.${b.step}`, { defaultValue: '' }) || undefined,
      okText: t(`${ns}.steps.${b.step}`),
      okButtonProps: { 'data-testid': `${testId}-confirm-ok` },
      onOk: () => run.mutateAsync({ step: b.step }).catch(() => undefined),
    });
  };

  return (
    <Space wrap data-testid={`${testId}-actions`}>
      {props.buttons.map((b) => (
        <Button
          key={b.step}
          type={b.primary ? 'primary' : 'default'}
          danger={b.danger}
          loading={run.isPending && run.variables?.step === b.step}
          onClick={() => click(b)}
          data-testid={`${testId}-action-${b.step}`}
        >
          {t(`${ns}.steps.${b.step}`)}
        </Button>
      ))}
      <StepModal
        labels={{ reason: t(`${ns}.reason`), note: t(`${ns}.note`), reasonRequired: t(`${ns}.reasonRequired`) }}
        testId={`${testId}-step`}
        open={asking !== null}
        title={asking ? t(`${ns}.steps.${asking.step}`) : ''}
        mode={asking?.mode ?? 'note'}
        okText={asking ? t(`${ns}.steps.${asking.step}`) : undefined}
        busy={run.isPending}
        onOk={(text) => asking && run.mutate({ step: asking.step, text })}
        onClose={() => setAsking(null)}
      />
    </Space>
  );
}
