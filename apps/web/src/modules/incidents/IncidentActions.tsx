import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IncidentDto, IncidentStatus } from '@vigil/shared';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { GradeModal, MergeModal, ReasonModal } from './IncidentActionModals';
import { changeStatus, INCIDENTS_KEY, mergeIncident, overrideGrade } from './incidents.api';

/** The buttons for the lifecycle steps, in the order an incident goes through them. */
const STEP_ORDER: readonly IncidentStatus[] = ['verified', 'responding', 'closed', 'false_report'];

/** Shows "someone else changed it, reload" for a 409 on a versioned write; other errors as a toast. Returns true for a 409. */
export function useConflictNotice() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  return (e: unknown): boolean => {
    if (!(e instanceof ApiError) || e.status !== 409) {
      notifyError(e);
      return false;
    }
    modal.warning({
      title: t('incidents.conflictTitle'),
      content: e.userMessage,
      okText: t('common.reload'),
      onOk: () => qc.invalidateQueries({ queryKey: INCIDENTS_KEY }),
    });
    return true;
  };
}

type Open = { kind: 'status'; status: IncidentStatus } | { kind: 'merge' } | { kind: 'grade' } | null;

/** The action buttons the incident's abilities allow: verify, respond, close, false report, merge, grade, edit. */
export function IncidentActions(props: { incident: IncidentDto; onEdit: () => void; mergeTarget: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const conflict = useConflictNotice();
  const i = props.incident;
  const ab = i.abilities;
  const [open, setOpen] = useState<Open>(props.mergeTarget && ab?.merge ? { kind: 'merge' } : null);
  const done = async () => {
    setOpen(null);
    notifySuccess(t('common.saved'));
    await qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
  };
  const opts = { meta: { silent: true }, onSuccess: done, onError: (e: unknown) => void conflict(e) };
  const step = useMutation({
    mutationFn: (v: { status: IncidentStatus; reason?: string }) => changeStatus(i.id, { ...v, version: i.version }),
    ...opts,
  });
  const merge = useMutation({
    mutationFn: (v: { intoId: string; reason: string }) => mergeIncident(i.id, { ...v, version: i.version }),
    ...opts,
  });
  const grade = useMutation({
    mutationFn: (v: { grade: number; reason: string }) => overrideGrade(i.id, { ...v, version: i.version }),
    ...opts,
  });
  if (!ab) return null;

  const steps = STEP_ORDER.filter((s) => ab.changeStatus.includes(s));
  return (
    <Space wrap data-testid="incident-actions">
      {steps.map((s) => (
        <Button
          key={s}
          type={s === 'false_report' ? 'default' : 'primary'}
          danger={s === 'false_report'}
          loading={step.isPending && step.variables?.status === s}
          onClick={() => (s === 'false_report' || s === 'closed' ? setOpen({ kind: 'status', status: s }) : step.mutate({ status: s }))}
          data-testid={`incident-step-${s}`}
        >
          {t(`incidents.steps.${s}`)}
        </Button>
      ))}
      {ab.merge && (
        <Button onClick={() => setOpen({ kind: 'merge' })} data-testid="incident-merge">
          {t('incidents.actions.merge')}
        </Button>
      )}
      {ab.grade && (
        <Button onClick={() => setOpen({ kind: 'grade' })} data-testid="incident-grade-override">
          {t('incidents.actions.grade')}
        </Button>
      )}
      {ab.update && (
        <Button onClick={props.onEdit} data-testid="incident-edit">
          {t('common.edit')}
        </Button>
      )}
      <ReasonModal
        open={open?.kind === 'status'}
        title={open?.kind === 'status' ? t(`incidents.steps.${open.status}`) : ''}
        required={open?.kind === 'status' && open.status === 'false_report'}
        busy={step.isPending}
        onOk={(reason) => open?.kind === 'status' && step.mutate({ status: open.status, reason })}
        onClose={() => setOpen(null)}
      />
      <MergeModal
        incident={i}
        open={open?.kind === 'merge'}
        initialTarget={props.mergeTarget}
        busy={merge.isPending}
        onOk={(intoId, reason) => merge.mutate({ intoId, reason })}
        onClose={() => setOpen(null)}
      />
      <GradeModal
        incident={i}
        open={open?.kind === 'grade'}
        busy={grade.isPending}
        onOk={(g, reason) => grade.mutate({ grade: g, reason })}
        onClose={() => setOpen(null)}
      />
    </Space>
  );
}
