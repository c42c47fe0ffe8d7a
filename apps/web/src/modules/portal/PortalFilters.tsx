import type { WarningColour } from '@vigil/shared';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLOUR_HEX, SEVERITY, type CountyOption, type PortalFilter } from './portal-format';

/** Filter by county (with how many warnings cover each) and by colour (toggle chips with counts). */
export function PortalFilters(props: {
  value: PortalFilter;
  onChange: (f: PortalFilter) => void;
  counties: CountyOption[];
  counts: Record<WarningColour, number>;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const toggle = (c: WarningColour) =>
    onChange({ ...value, colours: value.colours.includes(c) ? value.colours.filter((x) => x !== c) : [...value.colours, c] });

  return (
    <div className="vg-portal-filters" data-testid="portal-filters">
      <Select
        size="large"
        className="vg-portal-county"
        data-testid="portal-county-filter"
        virtual={false}
        value={value.county || ''}
        onChange={(county: string) => onChange({ ...value, county })}
        aria-label={t('portal.filters.county')}
        options={[
          { value: '', label: t('portal.filters.allCounties') },
          ...props.counties.map((c) => ({ value: c.code, label: c.count ? `${c.name}（${c.count}）` : c.name })),
        ]}
      />
      <div className="vg-portal-chips" role="group" aria-label={t('portal.filters.allColours')}>
        <button
          type="button"
          className={`vg-portal-chip${value.colours.length === 0 ? ' is-on' : ''}`}
          aria-pressed={value.colours.length === 0}
          onClick={() => onChange({ ...value, colours: [] })}
        >
          {t('portal.filters.allColours')}
        </button>
        {SEVERITY.map((c) => (
          <button
            key={c}
            type="button"
            data-testid={`portal-colour-${c}`}
            className={`vg-portal-chip${value.colours.includes(c) ? ' is-on' : ''}`}
            aria-pressed={value.colours.includes(c)}
            onClick={() => toggle(c)}
          >
            <span className="vg-portal-dot" style={{ background: COLOUR_HEX[c] }} />
            {t(`portal.colours.${c}`)} {props.counts[c]}
          </button>
        ))}
      </div>
    </div>
  );
}
