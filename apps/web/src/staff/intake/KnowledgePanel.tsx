import type { Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Input, List, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { api } from '../../api/client';
import type { KnowledgeItem } from '../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { fmt, t } from '../../i18n';

/** The answer an item gives a caller: its content, then how to get it done and whom to call. */
export function answerFrom(k: KnowledgeItem): string {
  return [
    k.body,
    k.procedure && fmt(t.web.intake.procedureLine, { text: k.procedure }),
    k.phone && fmt(t.web.intake.phoneLine, { text: k.phone }),
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 4000);
}

/** Searches the knowledge base (五公开) and offers each item as the answer. */
export function KnowledgePanel({
  query,
  onQuery,
  inputRef,
  onUse,
}: {
  query: string;
  onQuery: (q: string) => void;
  inputRef?: Ref<InputRef>;
  onUse: (k: KnowledgeItem) => void;
}) {
  const knowledge = useQuery({
    queryKey: ['knowledge', query],
    queryFn: () => api.get<KnowledgeItem[]>('/api/knowledge', { q: query }),
    enabled: query.length > 0,
  });
  const field = (label: string, text: string) =>
    text ? [{ key: label, label, children: text }] : [];
  return (
    <Card size="small" title={t.web.intake.knowledge} data-testid="knowledge-panel">
      <Input.Search
        ref={inputRef}
        allowClear
        aria-label={t.web.intake.knowledgeSearch}
        placeholder={t.web.intake.knowledgeSearch}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onSearch={(q) => onQuery(q.trim())}
      />
      {query &&
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
                  <Flex justify="space-between" align="baseline" gap={8}>
                    <Typography.Text strong>{k.title}</Typography.Text>
                    {k.categoryName && <Tag>{k.categoryName}</Tag>}
                  </Flex>
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      {
                        key: 'body',
                        label: t.web.knowledge.body,
                        children: (
                          <Typography.Paragraph
                            ellipsis={{ rows: 3, expandable: true }}
                            style={{ margin: 0 }}
                          >
                            {k.body}
                          </Typography.Paragraph>
                        ),
                      },
                      ...field(t.web.knowledge.procedure, k.procedure),
                      ...field(t.web.knowledge.policyBasis, k.policyBasis),
                      ...field(t.web.knowledge.phone, k.phone),
                      ...field(t.web.knowledge.staff, k.staff),
                    ]}
                  />
                  <Button
                    size="small"
                    onClick={() => onUse(k)}
                    aria-label={`${t.web.intake.answerWith} ${k.title}`}
                  >
                    {t.web.intake.answerWith}
                  </Button>
                </Flex>
              </List.Item>
            )}
          />
        ))}
    </Card>
  );
}
