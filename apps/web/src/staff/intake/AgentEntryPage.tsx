import { useEffect, useMemo, useRef, useState } from 'react';
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
  List,
  Radio,
  Row,
  Select,
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
  type TicketView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useJurisdictions } from '../../api/hooks';
import type { KnowledgeItem } from '../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { formatDate } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { StateTag } from '../tickets/parts';
import { useLeafCategoryOptions } from '../useLeafCategories';

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
  const [done, setDone] = useState<{ ticket: TicketView; answered: boolean } | null>(null);

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
  const knowledge = useQuery({
    queryKey: ['knowledge', kbQuery],
    queryFn: () => api.get<KnowledgeItem[]>('/api/knowledge', { q: kbQuery }),
    enabled: kbQuery.length > 0,
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

  async function run(answer?: KnowledgeItem) {
    let v: EntryValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ticket = await create(v);
      if (answer) {
        await api.post(`/api/tickets/${ticket.id}/actions/answer_directly`, {
          input: { answer: answer.body, knowledgeItemId: answer.id },
          expectedVersion: ticket.version,
        });
      }
      setDone({ ticket, answered: Boolean(answer) });
      form.resetFields();
      setKbQuery('');
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      phoneRef.current?.focus();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (cats.isPending || places.isPending) return <PageLoading />;
  if (cats.isError || places.isError)
    return <ErrorState error={cats.error ?? places.error} onRetry={() => void cats.refetch()} />;
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="baseline" wrap>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t.web.intake.title}
        </Typography.Title>
        <Typography.Text type="secondary">{t.web.intake.shortcuts}</Typography.Text>
      </Flex>
      {done && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setDone(null) }}
          title={fmt(done.answered ? t.web.intake.answered : t.web.intake.created, {
            code: done.ticket.code,
          })}
          action={<Link to={`/tickets/${done.ticket.id}`}>{t.web.intake.open}</Link>}
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
                    label={t.web.intake.phone}
                    extra={t.web.intake.phoneHelp}
                    rules={[req(t.web.intake.phone)]}
                  >
                    <Input ref={phoneRef} autoFocus inputMode="tel" maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="name" label={t.web.intake.name}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <Form.Item name="anonymous" valuePropName="checked">
                  <Checkbox>{t.web.intake.anonymous}</Checkbox>
                </Form.Item>
                <Form.Item name="confidential" valuePropName="checked">
                  <Checkbox>{t.web.intake.confidential}</Checkbox>
                </Form.Item>
              </Space>
              <Form.Item name="type" label={t.web.intake.type} rules={[req(t.web.intake.type)]}>
                <Radio.Group
                  optionType="button"
                  options={TICKET_TYPES.map((v) => ({ value: v, label: t.type[v] }))}
                />
              </Form.Item>
              <Form.Item
                name="categoryId"
                label={t.web.intake.category}
                rules={[req(t.web.intake.category)]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={categoryOptions}
                  notFoundContent={t.web.common.noMatch}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t.web.intake.ticketTitle}
                rules={[
                  req(t.web.intake.ticketTitle),
                  {
                    min: 2,
                    max: 100,
                    message: fmt(t.web.form.minLength, { field: t.web.intake.ticketTitle, n: 2 }),
                  },
                ]}
              >
                <Input
                  maxLength={100}
                  onBlur={(e) => !kbQuery && e.target.value && setKbQuery(e.target.value.trim())}
                />
              </Form.Item>
              <Form.Item
                name="description"
                label={t.web.intake.description}
                rules={[
                  req(t.web.intake.description),
                  {
                    min: 5,
                    message: fmt(t.web.form.minLength, { field: t.web.intake.description, n: 5 }),
                  },
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="jurisdictionId"
                    label={t.web.intake.place}
                    rules={[req(t.web.intake.place)]}
                  >
                    <TreeSelect
                      showSearch
                      treeNodeFilterProp="title"
                      treeData={placeTree}
                      treeDefaultExpandAll={false}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="address"
                    label={t.web.intake.address}
                    rules={[
                      req(t.web.intake.address),
                      {
                        min: 2,
                        message: fmt(t.web.form.minLength, { field: t.web.intake.address, n: 2 }),
                      },
                    ]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="urgency" label={t.web.intake.urgency}>
                <Radio.Group
                  optionType="button"
                  options={URGENCIES.map((v) => ({ value: v, label: t.urgency[v] }))}
                />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t.web.intake.submit}
                </Button>
                <Button onClick={() => form.resetFields()}>{t.web.intake.reset}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            <Card size="small" title={t.web.intake.history} data-testid="caller-history">
              {debouncedPhone.length < 7 ? (
                <Typography.Text type="secondary">{t.web.intake.historyHint}</Typography.Text>
              ) : history.isPending ? (
                <PageLoading />
              ) : history.isError ? (
                <ErrorState error={history.error} onRetry={() => void history.refetch()} />
              ) : history.data.items.length === 0 ? (
                <EmptyState text={t.web.intake.historyEmpty} />
              ) : (
                <List
                  size="small"
                  dataSource={history.data.items}
                  renderItem={(r) => (
                    <List.Item>
                      <Flex vertical style={{ width: '100%' }}>
                        <Flex justify="space-between" gap={8}>
                          <Link to={`/tickets/${r.id}`} target="_blank">
                            {r.code}
                          </Link>
                          <StateTag state={r.state} />
                        </Flex>
                        <Typography.Text ellipsis>{r.title}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDate(r.receivedAt)} · {r.category.name}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card size="small" title={t.web.intake.knowledge}>
              <Input.Search
                ref={kbRef}
                allowClear
                aria-label={t.web.intake.knowledgeSearch}
                placeholder={t.web.intake.knowledgeSearch}
                value={kbQuery}
                onChange={(e) => setKbQuery(e.target.value)}
                onSearch={(q) => setKbQuery(q.trim())}
              />
              {kbQuery &&
                (knowledge.isPending ? (
                  <PageLoading />
                ) : knowledge.isError ? (
                  <ErrorState error={knowledge.error} onRetry={() => void knowledge.refetch()} />
                ) : knowledge.data.length === 0 ? (
                  <EmptyState text={t.web.intake.knowledgeEmpty} />
                ) : (
                  <List
                    size="small"
                    dataSource={knowledge.data.slice(0, 5)}
                    renderItem={(k) => (
                      <List.Item>
                        <Flex vertical gap={4} style={{ width: '100%' }}>
                          <Typography.Text strong>{k.title}</Typography.Text>
                          <Typography.Paragraph
                            ellipsis={{ rows: 3, expandable: true }}
                            style={{ margin: 0 }}
                          >
                            {k.body}
                          </Typography.Paragraph>
                          <Button size="small" onClick={() => void run(k)} loading={busy}>
                            {t.web.intake.answerWith}
                          </Button>
                        </Flex>
                      </List.Item>
                    )}
                  />
                ))}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
