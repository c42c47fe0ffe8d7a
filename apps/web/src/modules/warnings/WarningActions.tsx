import type { WarningDto } from '@vigil/shared';
import { useNavigate } from 'react-router';
import { WorkflowActions } from '../../ui/WorkflowActions';
import { stepButtons, type WarningStep } from './warning-actions';
import { approveWarning, cancelWarning, publishWarning, rejectWarning, reviseWarning, submitWarning, WARNINGS_KEY } from './warnings.api';

function runStep(w: WarningDto, step: WarningStep, text: string | undefined): Promise<WarningDto> {
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
      return Promise.reject(new Error(`not a workflow step: ${step}`));
  }
}

/** The workflow buttons the warning's abilities allow; reasons and notes are asked for in a dialog. */
export function WarningActions({ warning: w }: { warning: WarningDto }) {
  const navigate = useNavigate();
  return (
    <WorkflowActions
      buttons={stepButtons(w.abilities)}
      ns="warnings"
      testId="warning"
      queryKey={WARNINGS_KEY}
      run={(step, text) => runStep(w, step, text)}
      onNavigate={() => void navigate(`/warnings/${w.id}/edit`)}
      onDone={(step, result) => step === 'revise' && void navigate(`/warnings/${result.id}/edit`)}
    />
  );
}
