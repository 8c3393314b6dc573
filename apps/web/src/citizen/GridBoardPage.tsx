// 网格公示牌: a resident picks their village (community) and sees each grid's
// worker with a phone to tap and call, the grid head, and the supervision lines
// (the village committee, the township government). The chosen village stays
// in the address (?place=), so a village can post a link or a QR code to its
// own board. Informants are never on it.
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty, Select } from 'antd';
import type { PublicGridBoard, PublicGridPlaces } from '@jiesu/contracts';
import { api } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt } from '../i18n';
import { tGridPeople } from '../i18n/grid-people';

const g = tGridPeople;

function Phone({ phone }: { phone: string | null }) {
  if (!phone) return <span style={{ color: '#8c8c8c' }}>{g.noPhone}</span>;
  return (
    <a
      href={`tel:${phone}`}
      aria-label={fmt(g.call, { phone })}
      style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {phone}
    </a>
  );
}

export default function GridBoardPage() {
  const [sp, setSp] = useSearchParams();
  const place = sp.get('place') ?? undefined;
  const places = useQuery({
    queryKey: ['public-grid-places'],
    queryFn: () => api.get<PublicGridPlaces>('/api/public/grid-board/places'),
    staleTime: 5 * 60_000,
  });
  const board = useQuery({
    queryKey: ['public-grid-board', place],
    queryFn: () => api.get<PublicGridBoard>('/api/public/grid-board', { place }),
    enabled: Boolean(place),
  });
  const choose = (id: string | undefined) => setSp(id ? { place: id } : {}, { replace: true });
  const b = board.data;

  return (
    <>
      <section className="cz-card" aria-labelledby="grid-board-title">
        <h2 id="grid-board-title" style={{ fontSize: 16, marginTop: 0 }}>
          {g.boardTitle}
        </h2>
        <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{g.boardIntro}</p>
        {places.isError && (
          <ErrorState error={places.error} onRetry={() => void places.refetch()} />
        )}
        {places.data && places.data.length === 0 && <Empty description={g.noPlaces} />}
        {places.data && places.data.length > 0 && (
          <div>
            <label htmlFor="grid-board-place" style={{ display: 'block', marginBottom: 4 }}>
              {g.place}
            </label>
            <Select
              id="grid-board-place"
              aria-label={g.place}
              style={{ width: '100%' }}
              size="large"
              placeholder={g.placeHolder}
              value={place ?? null}
              onChange={(v: string | null) => choose(v ?? undefined)}
              showSearch={{ optionFilterProp: 'label' }}
              options={places.data.map((p) => ({
                value: p.id,
                label: fmt(g.placeOption, { township: p.township, name: p.name }),
              }))}
            />
          </div>
        )}
      </section>
      {(places.isPending || (place && board.isPending)) && <PageLoading />}
      {board.isError && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      {b && (
        <>
          {b.grids.length === 0 && (
            <section className="cz-card">
              <Empty description={g.noGrids} />
            </section>
          )}
          {b.grids.map((x) => (
            <article
              key={x.id}
              className="cz-card"
              aria-labelledby={`grid-${x.id}`}
              data-testid="public-grid"
            >
              <h3 id={`grid-${x.id}`} style={{ fontSize: 15, margin: '0 0 8px' }}>
                {b.village.name} · {x.name}
                {x.households !== null && (
                  <span style={{ color: '#8c8c8c', fontWeight: 400, fontSize: 13, marginLeft: 8 }}>
                    {fmt(g.householdsLine, { n: x.households })}
                  </span>
                )}
              </h3>
              {x.worker ? (
                <div
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    alignItems: 'center',
                    gap: 8,
                    flexWrap: 'wrap',
                  }}
                >
                  <span>
                    <span style={{ color: '#595959' }}>{g.workerLabel}:</span>
                    <strong>{x.worker.name}</strong>
                  </span>
                  <Phone phone={x.worker.phone} />
                </div>
              ) : (
                <p style={{ color: '#8c8c8c', margin: 0 }}>{g.noWorker}</p>
              )}
              {x.head && (
                <p style={{ color: '#595959', fontSize: 13, margin: '6px 0 0' }}>
                  {g.headLabel}:{x.head.name}
                </p>
              )}
            </article>
          ))}
          {(b.supervision.village || b.supervision.township) && (
            <section
              className="cz-card"
              aria-labelledby="grid-supervision"
              data-testid="supervision"
            >
              <h3 id="grid-supervision" style={{ fontSize: 15, margin: '0 0 6px' }}>
                {g.supervision}
              </h3>
              <p style={{ color: '#595959', fontSize: 13, margin: '0 0 8px' }}>
                {g.supervisionHelp}
              </p>
              {[b.supervision.village, b.supervision.township].map(
                (s) =>
                  s && (
                    <div
                      key={s.name}
                      style={{
                        display: 'flex',
                        justifyContent: 'space-between',
                        alignItems: 'center',
                        gap: 8,
                        flexWrap: 'wrap',
                        padding: '4px 0',
                      }}
                    >
                      <span>{s.name}</span>
                      <Phone phone={s.phone} />
                    </div>
                  ),
              )}
            </section>
          )}
        </>
      )}
      {places.data && places.data.length > 0 && !place && (
        <p style={{ color: '#8c8c8c', textAlign: 'center', fontSize: 13 }}>{g.choose}</p>
      )}
    </>
  );
}
