import { useEffect, useRef } from 'react';
import { Button, Card, Flex, Input, Tag, Typography } from 'antd';
import type { KnowledgeItem } from '../../api/types';
import { fmt, t } from '../../i18n';
import { tIntake } from '../../i18n/intake';

/** 直接答复: the answer filled from a knowledge item, editable, then the call is closed. */
export function DirectAnswerCard({
  item,
  answer,
  onAnswer,
  onClear,
  onSubmit,
  busy,
}: {
  item: KnowledgeItem | null;
  answer: string;
  onAnswer: (a: string) => void;
  onClear: () => void;
  onSubmit: () => void;
  busy: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The answer was filled from an item further down: bring it into view.
  useEffect(() => {
    if (item) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [item]);
  return (
    <Card ref={ref} size="small" title={tIntake.answerTitle} data-testid="direct-answer">
      <Flex vertical gap={8}>
        {item && (
          <div>
            <Tag
              color="blue"
              closable
              onClose={onClear}
              closeIcon={<span aria-label={tIntake.answerClear}>×</span>}
            >
              {fmt(tIntake.answerFrom, { title: item.title })}
            </Tag>
          </div>
        )}
        <Input.TextArea
          aria-label={t.web.field.answer}
          value={answer}
          onChange={(e) => onAnswer(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={4000}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tIntake.answerHint}
        </Typography.Text>
        <div>
          <Button
            type="primary"
            onClick={onSubmit}
            loading={busy}
            disabled={answer.trim().length < 2}
          >
            {tIntake.answerSubmit}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
