// Renders the state machine table as Markdown (docs/LIFECYCLE.md), so the docs
// follow from the same rows the server enforces; CI checks the file is current.
import { TRANSITIONS, TICKET_STATES, zhCN, type TransitionDef } from '@jiesu/contracts';

function target(t: TransitionDef): string {
  if (t.to === 'same') return '(unchanged)';
  if (typeof t.to === 'string') return t.outcome ? `${t.to} (${t.outcome})` : t.to;
  return t.to
    .map(
      (b) =>
        `${Object.entries(b.when)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')} → ${b.to}${b.outcome ? ` (${b.outcome})` : ''}`,
    )
    .join('; ');
}

export function lifecycleMarkdown(): string {
  const lines = [
    '# Ticket lifecycle',
    '',
    '<!-- Generated from packages/contracts/src/workflow.ts by `npm run docs`. Do not edit. -->',
    '',
    '## States',
    '',
    '| state | 中文 |',
    '|---|---|',
    ...TICKET_STATES.map((s) => `| \`${s}\` | ${zhCN.state[s]} |`),
    '',
    '## Transitions',
    '',
    'Relation: `centre` — a role in the dispatch centre; `lead` — a role in the lead unit or the unit',
    'holding the ticket (or the leader of the government above it); `lead_unit` — the lead unit',
    'itself; `holder` — the unit holding it; `passer` — a unit that passed it down; `co` — a co-unit',
    'with an unfinished task; `summoned` — a department summoned by a whistle; `upper` — the unit a',
    'pending escalation is addressed to (the dispatch centre for the district); `signer` — the',
    'township government signing off a proposed deliberation; `overseer` — a supervisor or dispatcher',
    'of the dispatch centre, or the leader of a government above the urged unit; `urged` — a unit',
    'with an unanswered urge (督办); `lead_or_centre` — as `lead`, or the dispatch centre;',
    '`requester` — the resident, by code',
    'and phone; `system` — the platform. Each staff action is',
    '`POST /api/tickets/{id}/actions/{action}`. Column "issue" names the issue that added the row.',
    '',
    '| action | 中文 | from | to | roles | relation | timeline | issue |',
    '|---|---|---|---|---|---|---|---|',
    ...TRANSITIONS.map(
      (t) =>
        `| \`${t.action}\` | ${zhCN.action[t.action]} | ${t.from.join(', ')} | ${target(t)} | ${t.roles.join(', ') || '—'} | ${t.relation} | ${t.visibility} | ${t.since} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
