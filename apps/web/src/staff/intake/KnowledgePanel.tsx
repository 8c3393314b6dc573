import type { Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Input, List, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { api } from '../../api/client';
import type { KnowledgeItem } from '../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { fmt } from '../../i18n';
import { tIntake } from '../../i18n/intake';
import { tKnowledge } from '../../i18n/knowledge';

/** The answer an item gives a caller: its content, then how to get it done and whom to call. */
export function answerFrom(k: KnowledgeItem): string {
  return [
    k.body,
    k.procedure && fmt(tIntake.procedureLine, { text: k.procedure }),
    k.phone && fmt(tIntake.phoneLine, { text: k.phone }),
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
    <Card size="small" title={tIntake.knowledge} data-testid="knowledge-panel">
      <Input.Search
        ref={inputRef}
        allowClear
        aria-label={tIntake.knowledgeSearch}
        placeholder={tIntake.knowledgeSearch}
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
          <EmptyState text={tIntake.knowledgeEmpty} />
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
                        label: tKnowledge.body,
                        children: (
                          <Typography.Paragraph
                            ellipsis={{ rows: 3, expandable: true }}
                            style={{ margin: 0 }}
                          >
                            {k.body}
                          </Typography.Paragraph>
                        ),
                      },
                      ...field(tKnowledge.procedure, k.procedure),
                      ...field(tKnowledge.policyBasis, k.policyBasis),
                      ...field(tKnowledge.phone, k.phone),
                      ...field(tKnowledge.staff, k.staff),
                    ]}
                  />
                  <Button
                    size="small"
                    onClick={() => onUse(k)}
                    aria-label={`${tIntake.answerWith} ${k.title}`}
                  >
                    {tIntake.answerWith}
                  </Button>
                </Flex>
              </List.Item>
            )}
          />
        ))}
    </Card>
  );
}
