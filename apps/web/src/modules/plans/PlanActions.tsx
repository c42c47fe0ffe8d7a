import type { PlanDto } from '@vigil/shared';
import { useNavigate } from 'react-router';
import { WorkflowActions } from '../../ui/WorkflowActions';
import { stepButtons, type PlanStep } from './plan-actions';
import { activatePlan, approvePlan, newPlanVersion, PLANS_KEY, rejectPlan, retirePlan, submitPlan } from './plans.api';

function runStep(p: PlanDto, step: PlanStep, text: string | undefined): Promise<PlanDto> {
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
      return Promise.reject(new Error(`not a workflow step: ${step}`));
  }
}

/** The workflow buttons the plan's abilities allow; a reason or a note is asked for in a dialog. */
export function PlanActions({ plan: p }: { plan: PlanDto }) {
  const navigate = useNavigate();
  return (
    <WorkflowActions
      buttons={stepButtons(p.abilities)}
      ns="plans"
      testId="plan"
      queryKey={PLANS_KEY}
      run={(step, text) => runStep(p, step, text)}
      onNavigate={() => void navigate(`/plans/${p.id}/edit`)}
      onDone={(step, result) => step === 'newVersion' && void navigate(`/plans/${result.id}/edit`)}
    />
  );
}
