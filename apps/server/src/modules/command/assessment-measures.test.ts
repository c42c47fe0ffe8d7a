import { describe, expect, it } from 'vitest';
import { computeMeasures, formatMinutes, minutesBetween } from './assessment-measures.js';

const T0 = new Date('2026-06-01T00:00:00Z').getTime();
const at = (min: number) => new Date(T0 + min * 60_000);

describe('computeMeasures', () => {
  const base = {
    occurredAt: at(0),
    receivedAt: at(12),
    firstReportAt: at(40),
    launchedAt: at(30),
    terminatedAt: at(300),
    dispatches: [],
  };

  it('measures the steps between real timestamps, in minutes', () => {
    const m = computeMeasures(
      {
        ...base,
        tasks: [
          { status: 'done', deadline_at: at(120), on_site_at: at(75), done_at: at(100) },
          { status: 'on_site', deadline_at: null, on_site_at: at(55), done_at: null },
        ],
      },
      at(300),
    );
    expect(m).toMatchObject({
      occurrenceToReceiptMin: 12,
      receiptToFirstReportMin: 28,
      receiptToLaunchMin: 18,
      launchToFirstOnSiteMin: 25,
      firstOnSiteAt: at(55).toISOString(),
      tasksTotal: 2,
      tasksDone: 1,
      completionRate: 50,
      tasksOverdue: 0,
      overdueRate: 0,
    });
  });

  it('counts tasks done late or still open past their deadline as overdue, and ignores rejected ones', () => {
    const m = computeMeasures(
      {
        ...base,
        tasks: [
          { status: 'done', deadline_at: at(60), on_site_at: null, done_at: at(90) },
          { status: 'accepted', deadline_at: at(200), on_site_at: null, done_at: null },
          { status: 'assigned', deadline_at: at(400), on_site_at: null, done_at: null },
          { status: 'rejected', deadline_at: at(10), on_site_at: null, done_at: null },
        ],
      },
      at(300),
    );
    expect(m).toMatchObject({ tasksTotal: 3, tasksDone: 1, tasksOverdue: 2, completionRate: 33.3, overdueRate: 66.7 });
    expect(m.launchToFirstOnSiteMin).toBeNull();
  });

  it('leaves measures without timestamps empty and sums materials used net of returns by item', () => {
    const m = computeMeasures(
      {
        ...base,
        firstReportAt: null,
        tasks: [],
        dispatches: [
          { item_name: '救生衣', unit: '件', quantity: '50', returned_quantity: '10' },
          { item_name: '救生衣', unit: '件', quantity: 20, returned_quantity: 0 },
          { item_name: '帐篷', unit: '顶', quantity: '5', returned_quantity: '5' },
        ],
      },
      at(300),
    );
    expect(m.receiptToFirstReportMin).toBeNull();
    expect(m.completionRate).toBeNull();
    expect(m.materials).toEqual([
      { itemName: '帐篷', unit: '顶', used: 0 },
      { itemName: '救生衣', unit: '件', used: 60 },
    ]);
  });
});

describe('formatting', () => {
  it('formats minutes and hours', () => {
    expect(minutesBetween(at(0), at(1.5))).toBe(1.5);
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(35)).toBe('35 分钟');
    expect(formatMinutes(125)).toBe('2 小时 5 分钟');
    expect(formatMinutes(120)).toBe('2 小时');
  });
});
