// 村(社区)公示栏: the results of village deliberation posted now, by village, as
// a resident reads them on a phone. The board names the matter and the place,
// never the requester. The chosen village stays in the address (?place=), so a
// village can post a link or a QR code to its own board.
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty, Select, Tag } from 'antd';
import type { DeliberationFinding, PublicNoticeBoard } from '@jiesu/contracts';
import { api } from '../api/client';
import { formatDate } from '../lib/time';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt, t } from '../i18n';
import { tDeliberation } from '../i18n/deliberation';

const b = tDeliberation.board;

const FINDING_COLOURS: Record<DeliberationFinding, string> = {
  reasonable: 'green',
  partly_reasonable: 'gold',
  unreasonable: 'volcano',
};

export default function NoticesPage() {
  const [sp, setSp] = useSearchParams();
  const place = sp.get('place') ?? undefined;
  const board = useQuery({
    queryKey: ['public-notices', place],
    queryFn: () => api.get<PublicNoticeBoard>('/api/public/notices', { place }),
    placeholderData: (prev) => prev,
  });
  const choose = (id: string | undefined) => setSp(id ? { place: id } : {}, { replace: true });
  const places = board.data?.places ?? [];
  const items = board.data?.items ?? [];

  return (
    <>
      <section className="cz-card" aria-labelledby="notices-title">
        <h2 id="notices-title" style={{ fontSize: 16, marginTop: 0 }}>
          {b.title}
        </h2>
        <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{b.intro}</p>
        {places.length > 0 && (
          <div>
            <div style={{ marginBottom: 4 }}>{b.place}</div>
            <Select
              aria-label={b.place}
              style={{ width: '100%' }}
              size="large"
              value={place ?? ''}
              onChange={(v: string) => choose(v || undefined)}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: '', label: b.allPlaces },
                ...places.map((p) => ({
                  value: p.id,
                  label: fmt(b.placeOption, { township: p.township, name: p.name, n: p.count }),
                })),
              ]}
            />
          </div>
        )}
      </section>
      {board.isPending && <PageLoading />}
      {board.isError && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && items.length === 0 && (
        <section className="cz-card">
          <Empty description={t.web.citizen.noticesEmpty} />
        </section>
      )}
      {items.length > 0 && (
        <p style={{ color: '#595959', fontSize: 13, margin: '0 4px 8px' }}>
          {fmt(b.count, { n: items.length })}
        </p>
      )}
      {items.map((n) => (
        <article
          key={n.id}
          className="cz-card"
          aria-labelledby={`notice-${n.id}`}
          data-testid="public-notice"
        >
          <h3 id={`notice-${n.id}`} style={{ fontSize: 15, marginTop: 0, marginBottom: 6 }}>
            {n.title}
          </h3>
          <p style={{ margin: '0 0 6px' }}>
            <Tag color={FINDING_COLOURS[n.finding]}>{t.deliberationFinding[n.finding]}</Tag>
            <span style={{ color: '#595959', fontSize: 13 }}>{n.village}</span>
          </p>
          <p style={{ whiteSpace: 'pre-wrap', margin: '0 0 6px' }}>{n.text}</p>
          <p style={{ color: '#595959', fontSize: 13, margin: 0 }}>
            {fmt(b.until, { at: formatDate(n.endsAt) })}
          </p>
        </article>
      ))}
    </>
  );
}
