import { PlanContent } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { rankPlans } from './plan-matching.js';
import { DEMO_PLANS } from './plans-demo.data.js';

describe('demo plans', () => {
  it.each(DEMO_PLANS.map((d) => [d.content.name, d]))('%s is valid plan content', (_name, d) => {
    expect(PlanContent.safeParse(d.content).success).toBe(true);
  });

  it('the typhoon plan escalates IV → I with the warning colour', () => {
    const plans = DEMO_PLANS.filter((d) => d.status === 'active').map((d, i) => ({
      id: `p${i}`,
      orgId: 'qz',
      orgName: '泉州市',
      versionNo: 1,
      ...d.content,
    }));
    const facts = { eventCode: '11B01', grade: null, dead: 0, injured: 0, missing: 0, evacuated: 0 } as const;
    const levels = (['blue', 'yellow', 'orange', 'red'] as const).map(
      (warningColour) => rankPlans(plans, { ...facts, warningColour })[0]!.suggestedLevel,
    );
    expect(levels).toEqual(['IV', 'III', 'II', 'I']);
  });
});
