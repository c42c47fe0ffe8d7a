import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/notify';
import { NearbyShelters, type Origin } from './NearbyShelters';
import { fetchNearbyShelters, fetchPortalWarnings, fetchPublicBoundaries, fetchWarningAreas, portalKeys } from './portal.api';
import { colourCounts, countyOptions, filterToParams, filterWarnings, parseFilter, type PortalFilter } from './portal-format';
import { PortalFilters } from './PortalFilters';
import { PortalMap } from './PortalMap';
import { PortalWarningList } from './PortalWarningList';

const WIDE = '(min-width: 992px)';

/** Whether the window is wide enough for list and map side by side. */
function useWide(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const mq = window.matchMedia(WIDE);
      mq.addEventListener('change', notify);
      return () => mq.removeEventListener('change', notify);
    },
    () => window.matchMedia(WIDE).matches,
  );
}

/** /portal: the warnings in force as a list (first, on phones) and on a map, filters, and nearby shelters. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const wide = useWide();
  const [mapOpen, setMapOpen] = useState(false);
  const showMap = wide || mapOpen;
  const [origin, setOrigin] = useState<Origin | null>(null);

  const warnings = useQuery({
    queryKey: portalKeys.warnings,
    queryFn: fetchPortalWarnings,
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  const areas = useQuery({
    queryKey: portalKeys.areas,
    queryFn: fetchWarningAreas,
    enabled: showMap,
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  const counties = useQuery({
    queryKey: portalKeys.boundaries('county'),
    queryFn: () => fetchPublicBoundaries('county'),
    staleTime: Infinity,
  });
  const city = useQuery({
    queryKey: portalKeys.boundaries('city'),
    queryFn: () => fetchPublicBoundaries('city'),
    enabled: showMap,
    staleTime: Infinity,
  });
  const shelters = useQuery({
    queryKey: portalKeys.shelters(origin?.lng ?? 0, origin?.lat ?? 0),
    queryFn: () => fetchNearbyShelters(origin!.lng, origin!.lat),
    enabled: origin !== null,
    meta: { silent: true },
  });

  const items = useMemo(() => warnings.data ?? [], [warnings.data]);
  const shown = useMemo(() => filterWarnings(items, filter), [items, filter]);
  const options = useMemo(
    () =>
      countyOptions(
        (counties.data?.features ?? []).map((f) => f.properties),
        items,
      ),
    [counties.data, items],
  );
  const setFilter = (f: PortalFilter) => setParams(filterToParams(f), { replace: true });
  const pick = (lng: number, lat: number) => setOrigin({ lng, lat, source: 'map' });

  return (
    <div className="vg-portal-home">
      <div className="vg-portal-summary" data-testid="portal-summary">
        {warnings.isPending ? <Spin size="small" /> : t('portal.activeCount', { count: items.length })}
      </div>
      <PortalFilters value={filter} onChange={setFilter} counties={options} counts={colourCounts(items)} />
      <div className="vg-portal-grid">
        <section className="vg-portal-col-list" aria-label={t('portal.list')}>
          <h2 className="vg-portal-h2">{t('portal.list')}</h2>
          {warnings.isError && <Alert type="error" showIcon message={t('portal.loadFailed')} description={errorText(warnings.error)} />}
          {warnings.isPending ? (
            <Spin />
          ) : (
            !warnings.isError && <PortalWarningList items={shown} filtered={filter.county !== '' || filter.colours.length > 0} />
          )}
        </section>
        <aside className="vg-portal-col-side">
          {!wide && (
            <Button
              block
              size="large"
              className="vg-portal-map-toggle"
              data-testid="portal-map-toggle"
              onClick={() => setMapOpen((v) => !v)}
            >
              {mapOpen ? t('portal.map.hide') : t('portal.map.show')}
            </Button>
          )}
          {showMap && (
            <>
              <PortalMap
                areas={areas.data}
                visible={shown.map((w) => w.identifier)}
                city={city.data}
                counties={counties.data}
                selectedCounty={filter.county}
                shelters={shelters.data?.items ?? []}
                pin={origin}
                onPick={pick}
                onOpen={(id) => void navigate(`/portal/warnings/${encodeURIComponent(id)}`)}
              />
              <div className="vg-portal-muted vg-portal-map-hint">{t('portal.map.hint')}</div>
            </>
          )}
          <NearbyShelters
            origin={origin}
            onOrigin={setOrigin}
            counties={counties.data}
            shelters={origin ? shelters.data?.items : undefined}
            loading={shelters.isFetching}
            error={shelters.isError ? errorText(shelters.error) : null}
          />
        </aside>
      </div>
    </div>
  );
}
