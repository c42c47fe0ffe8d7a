import { StockAdjustInput, StockLineInput, StockLinePatch, StockListQuery } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { previewQuantity, stockAlertQuery, stockRowClass, toAdjustInput, toStockLineInput, toStockLineUpdate } from './stock-format';

describe('stock lines', () => {
  it('highlights below-minimum lines over expiring ones', () => {
    expect(stockRowClass({ belowMinimum: true, expiringSoon: true })).toBe('vg-stock-below');
    expect(stockRowClass({ belowMinimum: false, expiringSoon: true })).toBe('vg-stock-expiring');
    expect(stockRowClass({ belowMinimum: false, expiringSoon: false })).toBe('');
  });

  it('builds a line the contract accepts, and an edit that never touches the quantity', () => {
    const v = {
      externalCode: ' ',
      materialCode: '43b01 ',
      name: ' 帐篷 ',
      spec: '12㎡',
      unit: '顶',
      quantity: 200,
      minQuantity: null,
      batch: '',
      producedOn: '2025-01-01',
      expiresOn: '',
    };
    const input = toStockLineInput(v);
    expect(input).toEqual({
      materialCode: '43B01',
      name: '帐篷',
      spec: '12㎡',
      unit: '顶',
      quantity: 200,
      minQuantity: 0,
      batch: null,
      producedOn: '2025-01-01',
      expiresOn: null,
    });
    expect(StockLineInput.safeParse(input).success).toBe(true);
    expect(toStockLineUpdate(v)).not.toHaveProperty('quantity');
    expect(StockLinePatch.safeParse(toStockLineUpdate(v)).success).toBe(true);
  });

  it('asks for below-minimum or expiring lines (days only for expiring)', () => {
    expect(stockAlertQuery('below_minimum', 30)).toEqual({ alert: 'below_minimum', days: undefined, q: undefined, material: undefined });
    expect(stockAlertQuery('expiring', 15, { q: ' 药 ' })).toEqual({ alert: 'expiring', days: 15, q: '药', material: undefined });
    const sent = Object.fromEntries(
      Object.entries(stockAlertQuery('expiring', 15)).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
    );
    expect(StockListQuery.safeParse({ ...sent, limit: '50' }).success).toBe(true);
  });
});

describe('stock adjustments', () => {
  it('sends the target warehouse only for a transfer', () => {
    const transfer = toAdjustInput({
      kind: 'transfer',
      quantity: 5,
      reason: ' 支援晋江 ',
      toWarehouseId: '0190f1a2-0000-7000-8000-000000000002',
    });
    expect(transfer).toEqual({ kind: 'transfer', quantity: 5, reason: '支援晋江', toWarehouseId: '0190f1a2-0000-7000-8000-000000000002' });
    expect(StockAdjustInput.safeParse(transfer).success).toBe(true);
    expect(toAdjustInput({ kind: 'out', quantity: 5, reason: '发放', toWarehouseId: 'x' })).toEqual({
      kind: 'out',
      quantity: 5,
      reason: '发放',
    });
  });

  it('previews the quantity after the move and refuses to go below zero', () => {
    expect(previewQuantity(10, 'in', 5)).toBe(15);
    expect(previewQuantity(10, 'out', 4)).toBe(6);
    expect(previewQuantity(10, 'transfer', 11)).toBeNull();
    expect(previewQuantity(10, 'stocktake', 7)).toBe(7);
    expect(previewQuantity(0.3, 'out', 0.1)).toBe(0.2);
    expect(previewQuantity(10, 'out', null)).toBe(10);
  });
});
