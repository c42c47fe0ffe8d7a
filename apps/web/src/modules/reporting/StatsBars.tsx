import type { ReportStatsRowDto } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { ratePercent } from './deadline';

const ROW = 24;
const LABEL_W = 130;
const BAR_W = 360;

/** On-time rate per row as horizontal bars (plain SVG): green ≥ 90 %, orange ≥ 60 %, red below. */
export function StatsBars({ rows }: { rows: ReportStatsRowDto[] }) {
  const { t } = useTranslation();
  const height = rows.length * ROW + 8;
  return (
    <svg
      role="img"
      aria-label={t('reports.rateChart')}
      width="100%"
      viewBox={`0 0 ${LABEL_W + BAR_W + 70} ${height}`}
      style={{ maxWidth: 640, display: 'block' }}
      data-testid="stats-chart"
    >
      {rows.map((r, i) => {
        const pct = ratePercent(r.onTimeRate);
        const y = i * ROW + 4;
        const w = pct === null ? 0 : (BAR_W * pct) / 100;
        const color = pct === null ? '#d9d9d9' : pct >= 90 ? '#52c41a' : pct >= 60 ? '#fa8c16' : '#cf1322';
        return (
          <g key={r.key} data-testid="stats-bar" data-rate={pct ?? ''}>
            <text x={LABEL_W - 6} y={y + 15} textAnchor="end" fontSize={12} fill="#434343">
              {r.label.length > 10 ? `${r.label.slice(0, 10)}…` : r.label}
            </text>
            <rect x={LABEL_W} y={y + 3} width={BAR_W} height={ROW - 8} fill="#f5f5f5" rx={2} />
            <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} fill={color} rx={2} />
            <text x={LABEL_W + BAR_W + 6} y={y + 15} fontSize={12} fill="#434343">
              {pct === null ? '—' : `${pct}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
