import { Button, Flex, List, Typography } from 'antd';
import type { TicketSummary } from '@jiesu/contracts';
import { formatDate } from '../../lib/time';

import { TicketHead } from '../tickets/parts';
import { tIntake } from '../../i18n/intake';

/** Earlier tickets shown while a call is taken, each with "告知进展" for a repeat. */
export function TicketBriefList({
  items,
  onProgress,
}: {
  items: TicketSummary[];
  /** Answer the new call with this ticket's progress instead of a new dispatch. */
  onProgress?: (t: TicketSummary) => void;
}) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(r) => (
        <List.Item>
          <Flex vertical style={{ width: '100%' }}>
            <TicketHead ticket={r} newTab />
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDate(r.receivedAt)} · {r.category.name}
              </Typography.Text>
              {onProgress && (
                <Button
                  size="small"
                  onClick={() => onProgress(r)}
                  aria-label={`${tIntake.progress} ${r.code}`}
                >
                  {tIntake.progress}
                </Button>
              )}
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}
