import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  List,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { TicketSummary } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useSuggestions, useTicket, useTicketList, useUnits } from '../../api/hooks';
import type { UnitSuggestion } from '../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { UnitSelect } from '../tickets/UnitSelect';
import { ColourTag, UrgencyTag } from '../tickets/parts';
import { SuggestionChips, reportOutcome } from '../smart-dispatch/SuggestionChips';
import type { SuggestionSet } from '@jiesu/contracts';

function Detail({ id, onDispatched }: { id: string; onDispatched: () => void }) {
  const ticket = useTicket(id);
  const suggestions = useSuggestions(id);
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [coUnitIds, setCoUnitIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const top = suggestions.data?.[0];
  const catalogue = suggestions.data?.find((s) => s.source === 'catalogue');
  // [Insight] the unit chips last shown, recorded once the ticket is dispatched.
  const shownUnits = useRef<SuggestionSet | null>(null);
  const onUnitsShown = useCallback((set: SuggestionSet | null) => {
    shownUnits.current = set;
  }, []);

  // The best suggestion is preselected — the catalogue's, with its co-units, when it
  // has one: choosing the ticket and pressing dispatch is enough.
  const choose = (s: UnitSuggestion | undefined) => {
    setUnitId(s?.unit.id);
    setCoUnitIds(s?.coUnits.map((u) => u.id) ?? []);
  };
  useEffect(() => {
    choose(top);
    setError(null);
  }, [id, top?.unit.id, top?.source]);

  if (ticket.isPending) return <PageLoading />;
  if (ticket.isError)
    return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;
  const nameOf = (uid: string) =>
    suggestions.data?.find((s) => s.unit.id === uid)?.unit.name ??
    units.data?.find((u) => u.id === uid)?.name ??
    '';

  async function dispatch() {
    if (!unitId) return;
    setBusy(true);
    setError(null);
    const co = coUnitIds.filter((u) => u !== unitId);
    try {
      await api.post(`/api/tickets/${id}/actions/dispatch`, {
        input: { leadUnitId: unitId, ...(co.length ? { coUnitIds: co } : {}) },
        expectedVersion: tk.version,
      });
      reportOutcome(id, shownUnits.current);
      message.success(fmt(t.web.dispatch.done, { unit: nameOf(unitId) }));
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onDispatched();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={<Link to={`/tickets/${tk.id}`}>{tk.code}</Link>}>
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
          {tk.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'type', label: t.web.ticket.type, children: t.type[tk.type] },
            { key: 'category', label: t.web.ticket.category, children: tk.category.name },
            { key: 'place', label: t.web.ticket.place, children: tk.jurisdiction.name },
            { key: 'address', label: t.web.ticket.address, children: tk.address },
            {
              key: 'urgency',
              label: t.web.ticket.urgency,
              children: <UrgencyTag urgency={tk.urgency} />,
            },
            {
              key: 'received',
              label: t.web.ticket.receivedAt,
              children: formatDateTime(tk.receivedAt),
            },
          ]}
        />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
          {tk.description}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        title={t.web.dispatch.suggested}
        extra={<Typography.Text type="secondary">{t.web.dispatch.suggestionHint}</Typography.Text>}
      >
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />
        )}
        {suggestions.isPending ? (
          <PageLoading />
        ) : suggestions.isError ? (
          <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} />
        ) : suggestions.data.length === 0 ? (
          <Typography.Paragraph type="secondary">
            {t.web.dispatch.noSuggestion}
          </Typography.Paragraph>
        ) : (
          <Radio.Group
            value={unitId}
            onChange={(e) =>
              choose(suggestions.data.find((s) => s.unit.id === (e.target.value as string)))
            }
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}
            aria-label={t.web.dispatch.suggested}
          >
            {suggestions.data.slice(0, 5).map((s) => (
              <Radio key={s.unit.id} value={s.unit.id} data-testid={`suggestion-${s.source}`}>
                {s.unit.name}{' '}
                {s.source === 'catalogue' && <Tag color="blue">{t.web.dispatch.byCatalogue}</Tag>}
                {s.coUnits.length > 0 && (
                  <Typography.Text>
                    {fmt(t.web.dispatch.withCoUnits, {
                      units: s.coUnits.map((u) => u.name).join('、'),
                    })}{' '}
                  </Typography.Text>
                )}
                {s.count > 0 && (
                  <Typography.Text type="secondary">
                    {fmt(t.web.dispatch.share, { p: Math.round(s.share * 100) })}
                  </Typography.Text>
                )}
              </Radio>
            ))}
          </Radio.Group>
        )}
        {catalogue?.rule && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {fmt(t.web.dispatch.catalogueBasis, {
              category: catalogue.rule.category.name,
              area: catalogue.rule.jurisdiction.name,
            })}
          </Typography.Paragraph>
        )}
        <Flex vertical gap={8}>
          <SuggestionChips
            target="unit"
            title={tk.title}
            description={tk.description}
            selectedId={unitId}
            onPick={(v) => {
              setUnitId(v);
              setCoUnitIds((co) => co.filter((u) => u !== v));
            }}
            onShown={onUnitsShown}
          />
          <UnitSelect
            label={t.web.dispatch.pickUnit}
            value={unitId}
            onChange={(v) => {
              setUnitId(v as string);
              setCoUnitIds((co) => co.filter((u) => u !== v));
            }}
            suggestions={suggestions.data ?? []}
          />
          <UnitSelect
            multiple
            label={t.web.dispatch.coUnits}
            value={coUnitIds}
            onChange={(v) => setCoUnitIds((v as string[] | undefined) ?? [])}
          />
          <Button type="primary" onClick={() => void dispatch()} disabled={!unitId} loading={busy}>
            {t.web.dispatch.dispatchTo}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}

export default function DispatchConsole() {
  const queue = useTicketList({ state: ['received'], sort: 'receivedAt', pageSize: 50 });
  const [selected, setSelected] = useState<string | null>(null);
  const items = queue.data?.items ?? [];
  const current =
    selected && items.some((i) => i.id === selected) ? selected : (items[0]?.id ?? null);

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {t.web.dispatch.title}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={9}>
          <Card size="small" title={`${t.web.dispatch.queue} (${queue.data?.total ?? 0})`}>
            {queue.isPending ? (
              <PageLoading />
            ) : queue.isError ? (
              <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
            ) : items.length === 0 ? (
              <EmptyState text={t.web.dispatch.queueEmpty} />
            ) : (
              <List<TicketSummary>
                size="small"
                dataSource={items}
                renderItem={(r) => (
                  <List.Item
                    style={{
                      cursor: 'pointer',
                      background: r.id === current ? '#e6f0ff' : undefined,
                      paddingInline: 8,
                    }}
                    onClick={() => setSelected(r.id)}
                  >
                    <button
                      type="button"
                      onClick={() => setSelected(r.id)}
                      aria-pressed={r.id === current}
                      style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer' }}
                      data-testid="queue-item"
                    >
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong>{r.code}</Typography.Text>
                        <Space size={4}>
                          <UrgencyTag urgency={r.urgency} />
                          <ColourTag colour={r.colour} />
                        </Space>
                      </Flex>
                      <Typography.Text ellipsis style={{ display: 'block' }}>
                        {r.title}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.category.name} · {r.jurisdiction.name} · {formatDateTime(r.receivedAt)}
                      </Typography.Text>
                    </button>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {current ? (
            <Detail key={current} id={current} onDispatched={() => setSelected(null)} />
          ) : (
            <EmptyState text={t.web.dispatch.pickTicket} />
          )}
        </Col>
      </Row>
    </Flex>
  );
}
