import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Space,
  TreeSelect,
  Typography,
} from 'antd';
import type { InputRef } from 'antd';
import {
  TICKET_TYPES,
  URGENCIES,
  type CreateTicketBody,
  type TicketList,
  type TicketSummary,
  type TicketView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useJurisdictions } from '../../api/hooks';
import type { KnowledgeItem } from '../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { requiredRule, requiredText } from '../../lib/formRules';
import { CategoryPlaceFields, useLeafCategoryOptions } from '../../lib/ticketFields';
import { buildTree } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { DirectAnswerCard } from './DirectAnswerCard';
import { KnowledgePanel, answerFrom } from './KnowledgePanel';
import { LocateByAddress } from './LocateByAddress';
import { ProgressModal } from './ProgressModal';
import { SimilarTickets } from './SimilarTickets';
import { RepeatWarning } from '../hotspots/repeats';
import { TicketBriefList } from './TicketBriefList';
import { tIntake } from '../../i18n/intake';
import { SuggestionChips, reportOutcome } from '../smart-dispatch/SuggestionChips';
import type { SuggestionSet } from '@jiesu/contracts';

interface EntryValues {
  phone: string;
  name?: string;
  anonymous?: boolean;
  confidential?: boolean;
  type: CreateTicketBody['type'];
  categoryId: string;
  title: string;
  description: string;
  jurisdictionId: string;
  address: string;
  urgency: CreateTicketBody['urgency'];
}

/** How the call is closed at intake, if it is: answered directly, or with an earlier ticket's progress. */
type Finish =
  | { action: 'answer_directly'; input: { answer: string; knowledgeItemId?: string } }
  | { action: 'answer_with_progress'; input: { relatedTicketId: string; answer: string } };

const DONE_TEXT = {
  created: tIntake.created,
  answer_directly: tIntake.answered,
  answer_with_progress: tIntake.progressDone,
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export default function AgentEntryPage() {
  const [form] = Form.useForm<EntryValues>();
  const phoneRef = useRef<InputRef>(null);
  const kbRef = useRef<InputRef>(null);
  const qc = useQueryClient();
  const { query: cats, options: categoryOptions } = useLeafCategoryOptions();
  const places = useJurisdictions();
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'city'),
    [places.data],
  );
  const phone = (Form.useWatch('phone', form) ?? '').replace(/\D/g, '');
  const debouncedPhone = useDebounced(phone, 300);
  const [kbQuery, setKbQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ ticket: TicketView; how: keyof typeof DONE_TEXT } | null>(
    null,
  );
  const categoryId = Form.useWatch('categoryId', form) as string | undefined;
  const jurisdictionId = Form.useWatch('jurisdictionId', form) as string | undefined;
  const [answerItem, setAnswerItem] = useState<KnowledgeItem | null>(null);
  const [answer, setAnswer] = useState('');
  const [related, setRelated] = useState<TicketSummary | null>(null);
  // [Insight] the category chips last shown, recorded with the ticket once it is taken.
  const ticketTitle = Form.useWatch('title', form) as string | undefined;
  const ticketText = Form.useWatch('description', form) as string | undefined;
  // [Insight] 重复诉求: the address too, for the caller's earlier similar request.
  const ticketAddress = Form.useWatch('address', form) as string | undefined;
  const shownCategories = useRef<SuggestionSet | null>(null);
  const onCategoriesShown = useCallback((set: SuggestionSet | null) => {
    shownCategories.current = set;
  }, []);

  const history = useQuery({
    queryKey: ['tickets', 'by-phone', debouncedPhone],
    queryFn: () =>
      api.get<TicketList>('/api/tickets', {
        phone: debouncedPhone,
        pageSize: 10,
        sort: '-receivedAt',
      }),
    enabled: debouncedPhone.length >= 7,
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.submit();
      } else if (e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        kbRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);

  async function create(v: EntryValues): Promise<TicketView> {
    const body: CreateTicketBody = {
      channel: 'hotline',
      type: v.type,
      categoryId: v.categoryId,
      title: v.title.trim(),
      description: v.description.trim(),
      address: v.address.trim(),
      jurisdictionId: v.jurisdictionId,
      urgency: v.urgency,
      requester: {
        phone: v.phone.trim(),
        name: v.name?.trim() || undefined,
        anonymous: v.anonymous || undefined,
        confidential: v.confidential || undefined,
      },
    };
    return api.post<TicketView>('/api/tickets', body);
  }

  /** Creates the ticket and, if asked, closes it at intake; false when the form is incomplete. */
  async function run(finish?: Finish): Promise<boolean> {
    let v: EntryValues;
    try {
      v = await form.validateFields();
    } catch {
      return false;
    }
    setBusy(true);
    setError(null);
    let ticket: TicketView | null = null;
    const taken = (tk: TicketView, how: keyof typeof DONE_TEXT) => {
      setDone({ ticket: tk, how });
      form.resetFields();
      setKbQuery('');
      setAnswerItem(null);
      setAnswer('');
      setRelated(null);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      phoneRef.current?.focus();
    };
    try {
      ticket = await create(v);
      reportOutcome(ticket.id, shownCategories.current);
      if (finish) {
        await api.post(`/api/tickets/${ticket.id}/actions/${finish.action}`, {
          input: finish.input,
          expectedVersion: ticket.version,
        });
      }
      taken(ticket, finish?.action ?? 'created');
    } catch (e) {
      setError(errorMessage(e));
      // The ticket was taken and only closing it failed: it stays received, and
      // the form is cleared so that a retry does not take it twice.
      if (ticket) taken(ticket, 'created');
      setRelated(null);
    } finally {
      setBusy(false);
    }
    return true;
  }

  if (cats.isPending || places.isPending) return <PageLoading />;
  if (cats.isError || places.isError)
    return <ErrorState error={cats.error ?? places.error} onRetry={() => void cats.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="baseline" wrap>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {tIntake.title}
        </Typography.Title>
        <Typography.Text type="secondary">{tIntake.shortcuts}</Typography.Text>
      </Flex>
      {done && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setDone(null) }}
          title={fmt(DONE_TEXT[done.how], { code: done.ticket.code })}
          action={<Link to={`/tickets/${done.ticket.id}`}>{tIntake.open}</Link>}
          data-testid="intake-done"
        />
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Form<EntryValues>
              form={form}
              layout="vertical"
              name="intake"
              initialValues={{ type: 'help', urgency: 'normal' }}
              onFinish={() => void run()}
            >
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="phone"
                    label={tIntake.phone}
                    extra={tIntake.phoneHelp}
                    rules={[requiredRule(tIntake.phone)]}
                  >
                    <Input ref={phoneRef} autoFocus inputMode="tel" maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="name" label={tIntake.name}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <Form.Item name="anonymous" valuePropName="checked">
                  <Checkbox>{tIntake.anonymous}</Checkbox>
                </Form.Item>
                <Form.Item name="confidential" valuePropName="checked">
                  <Checkbox>{tIntake.confidential}</Checkbox>
                </Form.Item>
              </Space>
              <Form.Item name="type" label={tIntake.type} rules={[requiredRule(tIntake.type)]}>
                <Radio.Group
                  optionType="button"
                  options={TICKET_TYPES.map((v) => ({ value: v, label: t.type[v] }))}
                />
              </Form.Item>
              <CategoryPlaceFields
                placePicker="tree"
                treeControl={
                  <TreeSelect
                    showSearch
                    treeNodeFilterProp="title"
                    treeData={placeTree}
                    treeDefaultExpandAll={false}
                  />
                }
                texts={tIntake}
                categoryOptions={categoryOptions}
                places={places.data}
                twoColumns
              >
                <Form.Item
                  name="title"
                  label={tIntake.ticketTitle}
                  rules={requiredText(tIntake.ticketTitle, 2, 100)}
                >
                  <Input
                    maxLength={100}
                    onBlur={(e) => !kbQuery && e.target.value && setKbQuery(e.target.value.trim())}
                  />
                </Form.Item>
                <Form.Item
                  name="description"
                  label={tIntake.description}
                  rules={requiredText(tIntake.description, 5)}
                >
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
                </Form.Item>
                <div style={{ marginTop: -12, marginBottom: 12 }}>
                  <SuggestionChips
                    target="category"
                    title={ticketTitle}
                    description={ticketText}
                    selectedId={categoryId}
                    onPick={(id) => form.setFieldValue('categoryId', id)}
                    onShown={onCategoriesShown}
                  />
                </div>
              </CategoryPlaceFields>
              <LocateByAddress />
              <Form.Item name="urgency" label={tIntake.urgency}>
                <Radio.Group
                  optionType="button"
                  options={URGENCIES.map((v) => ({ value: v, label: t.urgency[v] }))}
                />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {tIntake.submit}
                </Button>
                <Button onClick={() => form.resetFields()}>{tIntake.reset}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            <RepeatWarning
              phone={debouncedPhone}
              title={ticketTitle}
              description={ticketText}
              address={ticketAddress}
              jurisdictionId={jurisdictionId}
            />
            <Card size="small" title={tIntake.history} data-testid="caller-history">
              {debouncedPhone.length < 7 ? (
                <Typography.Text type="secondary">{tIntake.historyHint}</Typography.Text>
              ) : history.isPending ? (
                <PageLoading />
              ) : history.isError ? (
                <ErrorState error={history.error} onRetry={() => void history.refetch()} />
              ) : history.data.items.length === 0 ? (
                <EmptyState text={tIntake.historyEmpty} />
              ) : (
                <TicketBriefList items={history.data.items} onProgress={setRelated} />
              )}
            </Card>
            <SimilarTickets
              categoryId={categoryId}
              jurisdictionId={jurisdictionId}
              onProgress={setRelated}
            />
            {(answerItem || answer) && (
              <DirectAnswerCard
                item={answerItem}
                answer={answer}
                onAnswer={setAnswer}
                onClear={() => setAnswerItem(null)}
                busy={busy}
                onSubmit={() =>
                  void run({
                    action: 'answer_directly',
                    input: {
                      answer: answer.trim(),
                      ...(answerItem ? { knowledgeItemId: answerItem.id } : {}),
                    },
                  })
                }
              />
            )}
            <KnowledgePanel
              query={kbQuery}
              onQuery={setKbQuery}
              inputRef={kbRef}
              onUse={(k) => {
                setAnswerItem(k);
                setAnswer(answerFrom(k));
              }}
            />
          </Flex>
        </Col>
      </Row>
      <ProgressModal
        related={related}
        busy={busy}
        onCancel={() => setRelated(null)}
        onSubmit={(text) => {
          if (!related) return;
          // An incomplete form closes the dialog, so its messages can be seen.
          void run({
            action: 'answer_with_progress',
            input: { relatedTicketId: related.id, answer: text },
          }).then((ok) => ok || setRelated(null));
        }}
      />
    </Flex>
  );
}
