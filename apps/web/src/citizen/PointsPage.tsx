// 文明积分榜: a resident picks the village (community) and the quarter and reads its
// households' ranking — the door-plate address and the head's masked surname (王**),
// never a name or a phone. The choice stays in the address (?village=&quarter=), so a
// village can post a link or a QR code to its own board. A lazy chunk with native
// selects and a plain list: nothing here may grow the resident pages' bundle.
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { PublicCivilityRanking, PublicCivilityVillages } from '@jiesu/contracts';
import { api } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt } from '../i18n';
import { tCivilityPublic as p } from '../i18n/civility';

const selectStyle = {
  width: '100%',
  fontSize: 16,
  padding: '8px 6px',
  borderRadius: 6,
  border: '1px solid #d9d9d9',
  background: '#fff',
} as const;

const MEDALS = ['#d4a106', '#8c8c8c', '#ad6800'];

function quarterName(q: string) {
  const [year, n] = q.split('-Q');
  return fmt(p.quarterOption, { year: year ?? '', q: n ?? '' });
}

export default function PointsPage() {
  const [sp, setSp] = useSearchParams();
  const village = sp.get('village') ?? '';
  const quarter = sp.get('quarter') ?? undefined;
  const villages = useQuery({
    queryKey: ['public-civility-villages'],
    queryFn: () => api.get<PublicCivilityVillages>('/api/public/civility/villages'),
    staleTime: 5 * 60_000,
  });
  const board = useQuery({
    queryKey: ['public-civility', village, quarter],
    queryFn: () =>
      api.get<PublicCivilityRanking>('/api/public/civility/ranking', {
        villageId: village,
        quarter,
      }),
    enabled: Boolean(village),
  });
  const choose = (patch: { village?: string; quarter?: string }) => {
    const next = { village, quarter, ...patch };
    const params: Record<string, string> = {};
    if (next.village) params.village = next.village;
    if (next.village && next.quarter) params.quarter = next.quarter;
    setSp(params, { replace: true });
  };
  const b = board.data;

  return (
    <>
      <section className="cz-card" aria-labelledby="points-title">
        <h2 id="points-title" style={{ fontSize: 16, marginTop: 0 }}>
          {p.title}
        </h2>
        <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{p.intro}</p>
        {villages.isError && (
          <ErrorState error={villages.error} onRetry={() => void villages.refetch()} />
        )}
        {villages.data && villages.data.items.length === 0 && (
          <p style={{ color: '#8c8c8c' }}>{p.noVillages}</p>
        )}
        {villages.data && villages.data.items.length > 0 && (
          <div style={{ display: 'grid', gap: 10 }}>
            <label>
              <span style={{ display: 'block', marginBottom: 4 }}>{p.village}</span>
              <select
                aria-label={p.village}
                data-testid="points-village"
                style={selectStyle}
                value={village}
                onChange={(e) => choose({ village: e.target.value, quarter: undefined })}
              >
                <option value="" disabled>
                  {p.villageHolder}
                </option>
                {villages.data.items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {fmt(p.villageOption, { township: v.township, name: v.name })}
                  </option>
                ))}
              </select>
            </label>
            {b && (
              <label>
                <span style={{ display: 'block', marginBottom: 4 }}>{p.quarter}</span>
                <select
                  aria-label={p.quarter}
                  data-testid="points-quarter"
                  style={selectStyle}
                  value={b.quarter}
                  onChange={(e) => choose({ quarter: e.target.value })}
                >
                  {b.quarters.map((q) => (
                    <option key={q} value={q}>
                      {quarterName(q)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
      </section>
      {(villages.isPending || (village && board.isPending)) && <PageLoading />}
      {board.isError && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      {b && (
        <section className="cz-card" aria-labelledby="points-board" data-testid="points-board">
          <h3 id="points-board" style={{ fontSize: 15, margin: '0 0 8px' }}>
            {b.village.name} · {quarterName(b.quarter)}
          </h3>
          {b.items.length === 0 ? (
            <p style={{ color: '#8c8c8c', margin: 0 }}>{p.empty}</p>
          ) : (
            <>
              <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={p.title}>
                {b.items.map((x) => (
                  <li
                    key={`${x.rank}-${x.label}`}
                    data-testid="points-row"
                    style={{
                      display: 'flex',
                      alignItems: 'center',
                      gap: 10,
                      padding: '10px 0',
                      borderBottom: '1px solid #f0f0f0',
                    }}
                  >
                    <span
                      aria-label={`${p.rank} ${x.rank}`}
                      style={{
                        width: 30,
                        height: 30,
                        borderRadius: 15,
                        flex: 'none',
                        display: 'inline-flex',
                        alignItems: 'center',
                        justifyContent: 'center',
                        fontWeight: 700,
                        color: x.rank <= 3 ? '#fff' : '#434343',
                        background: x.rank <= 3 ? MEDALS[x.rank - 1] : '#f0f0f0',
                      }}
                    >
                      {x.rank}
                    </span>
                    <span style={{ flex: 1, minWidth: 0 }}>
                      <span style={{ display: 'block', fontSize: 15 }}>{x.label}</span>
                      <span style={{ color: '#8c8c8c', fontSize: 13 }}>{x.head}</span>
                    </span>
                    <strong style={{ fontSize: 17, color: x.points < 0 ? '#cf1322' : '#1458c8' }}>
                      {fmt(p.pointsUnit, { n: x.points })}
                    </strong>
                  </li>
                ))}
              </ol>
              {b.total > b.items.length && (
                <p style={{ color: '#8c8c8c', fontSize: 12, margin: '8px 0 0' }}>
                  {fmt(p.top, { n: b.total })}
                </p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
