import type { StockAdjustInput, StockLineDto, StockLineInput, StockLinePatch } from '@vigil/shared';
import type { Query } from '../../lib/api';

/** Row highlight of a stock line: below the minimum wins over expiring soon. */
export function stockRowClass(l: Pick<StockLineDto, 'belowMinimum' | 'expiringSoon'>): string {
  if (l.belowMinimum) return 'vg-stock-below';
  if (l.expiringSoon) return 'vg-stock-expiring';
  return '';
}

export type StockAlert = 'below_minimum' | 'expiring';

/** The alert list's query (`GET /stock?alert=…&days=…`). */
export function stockAlertQuery(alert: StockAlert, days = 30, extra: { q?: string; material?: string } = {}): Query {
  return { alert, days: alert === 'expiring' ? days : undefined, q: extra.q?.trim() || undefined, material: extra.material || undefined };
}

/** The add-line form; dates are `YYYY-MM-DD` strings (from a picker's `format`). */
export interface StockLineFormValues {
  externalCode?: string | null;
  materialCode: string;
  name: string;
  spec?: string | null;
  unit: string;
  quantity: number;
  minQuantity?: number | null;
  batch?: string | null;
  producedOn?: string | null;
  expiresOn?: string | null;
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The add-line form → `POST /warehouses/:id/stock`. */
export function toStockLineInput(v: StockLineFormValues): StockLineInput {
  const input: StockLineInput = {
    materialCode: v.materialCode.trim().toUpperCase(),
    name: v.name.trim(),
    unit: v.unit.trim(),
    quantity: v.quantity,
    minQuantity: v.minQuantity ?? 0,
    spec: blank(v.spec),
    batch: blank(v.batch),
    producedOn: v.producedOn || null,
    expiresOn: v.expiresOn || null,
  };
  const code = blank(v.externalCode);
  if (code) input.externalCode = code;
  return input;
}

/** The edit form → `PUT /stock/:lineId` (everything but the quantity, which moves only by adjustments). */
export function toStockLineUpdate(v: StockLineFormValues): StockLinePatch {
  const { quantity: _q, ...rest } = toStockLineInput(v);
  return { ...rest, minQuantity: rest.minQuantity ?? 0 };
}

export interface StockAdjustFormValues {
  kind: StockAdjustInput['kind'];
  quantity: number;
  reason: string;
  toWarehouseId?: string;
}

/** The adjust dialog → `POST /stock/:lineId/adjust` (the target warehouse only for a transfer). */
export function toAdjustInput(v: StockAdjustFormValues): StockAdjustInput {
  const input: StockAdjustInput = { kind: v.kind, quantity: v.quantity, reason: v.reason.trim() };
  if (v.kind === 'transfer' && v.toWarehouseId) input.toWarehouseId = v.toWarehouseId;
  return input;
}

/** The quantity after an adjustment as the dialog previews it; null when it would go negative. */
export function previewQuantity(current: number, kind: StockAdjustInput['kind'], amount: number | null | undefined): number | null {
  const n = typeof amount === 'number' && Number.isFinite(amount) ? amount : 0;
  const next = kind === 'in' ? current + n : kind === 'stocktake' ? n : current - n;
  return next < 0 ? null : Math.round(next * 1000) / 1000;
}
