// 我来办工作室 (resident page): a resident picks their village (community) and
// sees its studio — the address, the published phone to tap and call, the
// opening note, the secretary's reception day — who is on duty today and the
// rest of this week. The chosen village stays in the address (?place=), so a
// village can post a link or a QR code to its own page. Names only: no phone
// of a committee member, nothing about visitors.
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty, Select } from 'antd';
import type { PublicStudio, PublicStudios } from '@jiesu/contracts';
import { api } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt } from '../i18n';
import { tStudio } from '../i18n/studio';

const s = tStudio;

export default function StudioPage() {
  const [sp, setSp] = useSearchParams();
  const place = sp.get('place') ?? undefined;
  const places = useQuery({
    queryKey: ['public-studios'],
    queryFn: () => api.get<PublicStudios>('/api/public/studios'),
    staleTime: 5 * 60_000,
  });
  const studio = useQuery({
    queryKey: ['public-studio', place],
    queryFn: () => api.get<PublicStudio>('/api/public/studio', { place }),
    enabled: Boolean(place),
  });
  const choose = (id: string | undefined) => setSp(id ? { place: id } : {}, { replace: true });
  const d = studio.data;
  const today = d?.week.find((w) => w.date === d.today);

  return (
    <>
      <section className="cz-card" aria-labelledby="studio-title">
        <h2 id="studio-title" style={{ fontSize: 16, marginTop: 0 }}>
          {s.publicTitle}
        </h2>
        <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{s.publicIntro}</p>
        {places.isError && (
          <ErrorState error={places.error} onRetry={() => void places.refetch()} />
        )}
        {places.data && places.data.length === 0 && <Empty description={s.noStudios} />}
        {places.data && places.data.length > 0 && (
          <div>
            <label htmlFor="studio-place" style={{ display: 'block', marginBottom: 4 }}>
              {s.place}
            </label>
            <Select
              id="studio-place"
              aria-label={s.place}
              style={{ width: '100%' }}
              size="large"
              placeholder={s.placeHolder}
              value={place ?? null}
              onChange={(v: string | null) => choose(v ?? undefined)}
              showSearch={{ optionFilterProp: 'label' }}
              options={places.data.map((p) => ({
                value: p.village.id,
                label: fmt(s.placeOption, { township: p.township, name: p.village.name }),
              }))}
            />
          </div>
        )}
      </section>
      {(places.isPending || (place && studio.isPending)) && <PageLoading />}
      {studio.isError && <ErrorState error={studio.error} onRetry={() => void studio.refetch()} />}
      {d && (
        <>
          <article className="cz-card" aria-labelledby="studio-name" data-testid="public-studio">
            <h3 id="studio-name" style={{ fontSize: 15, margin: '0 0 8px' }}>
              {d.name}
            </h3>
            <p style={{ margin: '0 0 6px' }}>
              <span style={{ color: '#595959' }}>{s.address}:</span>
              {d.address}
            </p>
            {d.openingNote && (
              <p style={{ margin: '0 0 6px', color: '#595959' }}>{d.openingNote}</p>
            )}
            <a
              href={`tel:${d.phone}`}
              aria-label={fmt(s.call, { phone: d.phone })}
              style={{ fontSize: 18, fontWeight: 600 }}
            >
              {d.phone}
            </a>
            {d.secretaryWeekday && (
              <p style={{ margin: '8px 0 0' }}>
                {fmt(s.secretaryLine, {
                  day: s.weekday[d.secretaryWeekday] ?? '',
                  name: d.secretaryName ? `(${d.secretaryName})` : '',
                })}
              </p>
            )}
          </article>
          <section className="cz-card" aria-labelledby="studio-today" data-testid="studio-today">
            <h3 id="studio-today" style={{ fontSize: 15, margin: '0 0 8px' }}>
              {s.today}
            </h3>
            {today?.working && today.members.length ? (
              <strong>{today.members.join('、')}</strong>
            ) : (
              <span style={{ color: '#8c8c8c' }}>{s.todayNone}</span>
            )}
          </section>
          <section className="cz-card" aria-labelledby="studio-week">
            <h3 id="studio-week" style={{ fontSize: 15, margin: '0 0 8px' }}>
              {s.thisWeek}
            </h3>
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {d.week.map((w) => (
                <li
                  key={w.date}
                  style={{
                    display: 'flex',
                    gap: 8,
                    padding: '4px 0',
                    fontWeight: w.date === d.today ? 600 : 400,
                    color: w.working ? undefined : '#8c8c8c',
                  }}
                >
                  <span style={{ width: 84, flex: 'none', whiteSpace: 'nowrap' }}>
                    {w.date.slice(5)} {s.weekdayShort[w.weekday]}
                  </span>
                  <span>{w.working ? w.members.join('、') || '—' : s.rest}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
