// A search hit's highlights: the matched words marked in short slices of the
// title, address, description or a reply, as the server cut them.
import { Typography } from 'antd';
import type { TicketHighlight } from '@jiesu/contracts';
import { tSearch } from '../../i18n/search';

export function Highlights({ items }: { items?: TicketHighlight[] }) {
  // The title is shown already: only the other fields' slices go below it.
  const rest = (items ?? []).filter((h) => h.field !== 'title');
  if (!rest.length) return null;
  return (
    <div aria-label={tSearch.highlights} data-testid="search-highlights" style={{ fontSize: 12 }}>
      {rest.map((h, i) => (
        <div key={`${h.field}-${i}`}>
          <Typography.Text type="secondary">{tSearch.field[h.field]}:</Typography.Text>
          <Marked h={h} />
        </div>
      ))}
    </div>
  );
}

/** The parts of one slice, hits marked. */
export function Marked({ h }: { h: TicketHighlight }) {
  return (
    <span style={{ whiteSpace: 'normal' }}>
      {h.cutStart && '…'}
      {h.parts.map((p, i) =>
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
      {h.cutEnd && '…'}
    </span>
  );
}
