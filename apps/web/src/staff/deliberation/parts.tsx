// Small pieces the deliberation panel and pages share: state and finding tags,
// what an escalation needs, the archived lock.
import { Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type {
  DeliberationFinding,
  DeliberationState,
  EscalationNeed,
  EscalationState,
} from '@jiesu/contracts';
import { t } from '../../i18n';
import { tDeliberation } from '../../i18n/deliberation';

const ESCALATION_COLOURS: Record<EscalationState, string> = {
  pending: 'processing',
  accepted: 'green',
  refused: 'default',
};

const DELIBERATION_COLOURS: Record<DeliberationState, string> = {
  proposed: 'processing',
  refused: 'default',
  on_ledger: 'magenta',
  settled: 'green',
  escalated: 'orange',
};

const FINDING_COLOURS: Record<DeliberationFinding, string> = {
  reasonable: 'green',
  partly_reasonable: 'gold',
  unreasonable: 'volcano',
};

export function EscalationStateTag({ state }: { state: EscalationState }) {
  return <Tag color={ESCALATION_COLOURS[state]}>{t.escalationState[state]}</Tag>;
}

export function DeliberationStateTag({ state }: { state: DeliberationState }) {
  return <Tag color={DELIBERATION_COLOURS[state]}>{t.deliberationState[state]}</Tag>;
}

export function FindingTag({ finding }: { finding: DeliberationFinding }) {
  return <Tag color={FINDING_COLOURS[finding]}>{t.deliberationFinding[finding]}</Tag>;
}

export function ArchivedTag() {
  return (
    <Tag icon={<LockOutlined />} color="blue">
      {tDeliberation.archived}
    </Tag>
  );
}

export const needsText = (needs: readonly EscalationNeed[], note?: string | null): string =>
  [needs.map((n) => t.escalationNeed[n]).join('、'), note].filter(Boolean).join(';');
