// The authorization matrix, generated: every operation of the OpenAPI document
// × every role (the demo roles, the village's and department's leaders, a
// resident and a stranger) × the resources it may and may not reach (its own
// district's, another unit's ticket in the same district, another district's).
// Path parameters and bodies are filled from real ids (bodies generated from
// the route's schema, seeded, so each request is the same on every run).
// Asserted on every answer:
//   (a) nothing of another district answers 2xx, and another district's ticket
//       ids never appear in a body;
//   (b) a handler, leader or grid worker gets 403/404 on a ticket of a unit
//       outside its reach;
//   (c) the unit a complaint is about never reads the complainant's name or phone;
//   (d) no requester's phone appears in plain text but through the reveal
//       endpoint, and each reveal that answers writes one read-log row (who,
//       which ticket, when, why).
// The status of every role × operation × resource is kept in
// __snapshots__/authz-matrix.json: a change of the matrix shows in review.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { PASSWORD } from '../../../test/factories.js';
import { fetchOperations, fillPath, type Operation } from '../../../test/openapi-ops.js';
import { harvest, idFor, signIn, type Headers, type IdPools } from '../../../test/fuzz.js';
import { mix, seeded, validValue } from '../../../test/schema-values.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Requesters: a name and phone each, so a leak names its ticket.
const REQ = {
  in: { name: '赵一鸣', phone: '13911110001' },
  complaint: { name: '钱二妹', phone: '13922220002' },
  above: { name: '孙三多', phone: '13933330003' },
  unit: { name: '李四海', phone: '13944440004' },
  tenant: { name: '周五福', phone: '13955550005' },
} as const;
type Variant = keyof typeof REQ;

const ROLES = [
  'admin',
  'dispatcher',
  'agent',
  'supervisor',
  'township_leader',
  'township_handler',
  'village_leader',
  'village_handler',
  'department_leader',
  'department_handler',
  'grid_worker',
  'resident',
  'anonymous',
] as const;
type MatrixRole = (typeof ROLES)[number];

/** Roles bound to a unit below the centre: another unit's ticket must be closed to them. */
const HANDLERS: MatrixRole[] = [
  'township_leader',
  'township_handler',
  'village_leader',
  'village_handler',
  'department_leader',
  'department_handler',
  'grid_worker',
];
/** The users of the unit the complaints are about (东湖社区, vil1). */
const COMPLAINED: MatrixRole[] = ['village_leader', 'village_handler'];

const REVEAL = 'POST /api/tickets/{id}/requester/reveal';

/**
 * 2xx with another district's ids that read or change nothing of it: the dispatch
 * suggestion takes the ids as hints for its own district's model (answers no items).
 */
const HINTS_ONLY = new Set(['POST /api/insight/suggest']);

let hash: Promise<string> | undefined;
async function staff(d: District, unit: keyof District['units'], role: Role) {
  const id = newId();
  const username = `${d.tenantId}-m-${id.slice(0, 8)}`;
  await ctx.c.db
    .insertInto('users')
    .values({
      id,
      tenant_id: d.tenantId,
      username,
      display_name: `矩阵${unit}${role}`,
      phone: null,
      password_hash: await (hash ??= hashPassword(PASSWORD, { N: 1024 })),
      created_at: ctx.clock.now(),
    })
    .execute();
  await ctx.c.db
    .insertInto('role_assignments')
    .values({ tenant_id: d.tenantId, user_id: id, unit_id: d.units[unit], role })
    .execute();
  return { id, username };
}

async function dispatchedTicket(
  d: District,
  requester: { name: string; phone: string },
  leadUnitId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  const t = await d.newTicket({ requester, ...extra });
  const res = await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId });
  if (res.status !== 200) throw new Error(`dispatch: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: t.id, code: t.code };
}

/** The resource variants an operation is tried on. */
function variantsOf(op: Operation): Variant[] {
  const ticketPath = op.path.startsWith('/api/tickets/{id}');
  if (ticketPath && op.method === 'GET') return ['in', 'complaint', 'above', 'unit', 'tenant'];
  if (ticketPath) return ['in', 'unit', 'tenant'];
  const hasIds =
    op.pathParams.some((p) => p.schema.format === 'uuid') ||
    (op.body !== undefined && JSON.stringify(op.body).includes('"uuid"'));
  return hasIds ? ['in', 'tenant'] : ['in'];
}

describe('the authorization matrix over every operation', () => {
  it('leaks nothing across districts, units or to the unit complained about', async () => {
    const A = await ctx.newDistrict();
    const B = await ctx.newDistrict();
    const ops = (await fetchOperations(ctx.app)).filter((op) => op.key !== 'POST /api/auth/logout');

    const tickets: Record<Variant, { id: string; code: string }> = {
      in: await dispatchedTicket(A, REQ.in, A.units.vil1),
      complaint: await dispatchedTicket(A, REQ.complaint, A.units.vil1, {
        type: 'complaint',
        subjectUnitId: A.units.vil1,
      }),
      above: await dispatchedTicket(A, REQ.above, A.units.twp1, {
        type: 'complaint',
        subjectUnitId: A.units.vil1,
      }),
      unit: await dispatchedTicket(A, REQ.unit, A.units.vil3),
      tenant: await dispatchedTicket(B, REQ.tenant, B.units.vil1),
    };
    // A user of another village, whose id the admin routes are tried on (not a signed-in one).
    const victimA = await staff(A, 'vil2', 'handler');
    const victimB = await staff(B, 'vil2', 'handler');

    const sessions = new Map<MatrixRole, Headers>();
    const userIds = new Map<MatrixRole, string>();
    const demo: Partial<Record<MatrixRole, keyof District['users']>> = {
      admin: 'admin',
      dispatcher: 'dispatcher',
      agent: 'agent',
      supervisor: 'supervisor',
      township_leader: 'leader',
      township_handler: 'street',
      village_handler: 'village',
      department_handler: 'dept',
      grid_worker: 'grid',
    };
    for (const [role, login] of Object.entries(demo) as Array<
      [MatrixRole, keyof District['users']]
    >) {
      sessions.set(role, await signIn(ctx.app, `${A.tenantId}-${login}`));
      userIds.set(role, A.users[login]);
    }
    for (const [role, unit, r] of [
      ['village_leader', 'vil1', 'unit_leader'],
      ['department_leader', 'dept', 'unit_leader'],
    ] as const) {
      const u = await staff(A, unit, r);
      sessions.set(role, await signIn(ctx.app, u.username));
      userIds.set(role, u.id);
    }
    sessions.set('resident', { 'x-tenant': A.tenantId });
    sessions.set('anonymous', {});

    const pools = (d: District, ts: Array<{ id: string; code: string }>, victim: string) => ({
      tickets: ts.map((t) => t.id),
      ticketCodes: ts.map((t) => t.code),
      units: Object.values(d.units),
      nodes: Object.values(d.nodes),
      categories: Object.values(d.categories),
      users: [victim],
    });
    const adminA = sessions.get('admin')!;
    const ownPools: IdPools = {
      ...pools(A, [tickets.in], victimA.id),
      listed: await harvest(ctx.app, ops, [adminA, sessions.get('supervisor')!]),
    };
    const adminB = await signIn(ctx.app, `${B.tenantId}-admin`);
    const otherPools: IdPools = {
      ...pools(B, [tickets.tenant], victimB.id),
      listed: await harvest(ctx.app, ops, [adminB]),
    };
    // Ids of the other district that must never show in district A's answers.
    // (Ticket codes are numbered per district: the same code exists in both.)
    const foreign = [tickets.tenant.id, ...Object.values(B.units), ...Object.values(B.nodes)];

    const foreignIds = [
      ...otherPools.tickets,
      ...otherPools.units,
      ...otherPools.nodes,
      ...otherPools.categories,
      ...otherPools.users,
      ...[...otherPools.listed.values()].flat(),
      tickets.tenant.code,
    ];
    const matrix: Record<string, Record<string, string>> = {};
    const problems: string[] = [];
    let combinations = 0;
    let reveals = 0;
    const statusOf = new Map<string, number>();

    // Reads first, then writes, deletions last: a write by one role changes what
    // the next sees, always in the same order, so the snapshot is stable.
    const rank = { GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 } as const;
    const ordered = [...ops].sort((a, b) => rank[a.method] - rank[b.method]);

    for (const op of ordered) {
      const row: Record<string, string> = {};
      for (const role of ROLES) {
        const cells: string[] = [];
        // The event stream stays open for a signed-in user (inject would wait forever):
        // its authorization is tested in notify's own tests; here only strangers knock.
        if (op.streaming && sessions.get(role)!.cookie) {
          row[role] = 'stream';
          continue;
        }
        for (const variant of variantsOf(op)) {
          const pool = variant === 'tenant' ? otherPools : ownPools;
          const ticket = tickets[variant];
          const rng = seeded(
            mix(
              0x5eed,
              [...op.key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7),
            ),
          );
          const ids = (name: string) =>
            name === 'id' && op.path.startsWith('/api/tickets/{id}')
              ? ticket.id
              : idFor(pool, op.path, name, seeded(1));
          const values: Record<string, string> = {};
          for (const p of op.pathParams) {
            values[p.name] =
              p.name === 'code' ? ticket.code : String(validValue(p.schema, rng, ids, p.name));
          }
          const query = validValue(
            {
              type: 'object',
              properties: Object.fromEntries(op.query.map((q) => [q.name, q.schema])),
              required: op.query.filter((q) => q.required).map((q) => q.name),
            },
            rng,
            ids,
            '',
            0,
            0,
          ) as Record<string, unknown>;
          const qs = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) {
            for (const x of Array.isArray(v) ? v : [v]) qs.append(k, String(x));
          }
          const body = op.body ? validValue(op.body, rng, ids) : undefined;
          // The public pages always name their district: without it the server falls back
          // to a default district, which depends on what else the database holds.
          const headers = {
            ...sessions.get(role)!,
            ...(op.path.startsWith('/api/public/') ? { 'x-tenant': A.tenantId } : {}),
          };
          const url = fillPath(op.path, values) + (qs.size ? `?${qs}` : '');
          const readsBefore = op.key === REVEAL ? await readCount(A.tenantId) : 0;
          const res = await ctx.app.inject({
            method: op.method,
            url,
            headers,
            ...(body !== undefined ? { payload: body as object } : {}),
          });
          combinations++;
          const status = res.statusCode;
          statusOf.set(`${op.key} ${role} ${variant}`, status);
          cells.push(`${variant}:${status}`);
          const text = res.body;
          const where = `${role} ${op.method} ${url} (${variant}) → ${status}`;

          // (a) another district's resource, or its ids in an answer.
          // The request names something of the other district (a generated body may hold no id).
          const sent = `${url} ${body === undefined ? '' : JSON.stringify(body)}`;
          const crossing = variant === 'tenant' && foreignIds.some((x) => sent.includes(x));
          if (crossing && status < 300 && !allRefused(text) && !HINTS_ONLY.has(op.key))
            problems.push(`(a) 2xx across districts: ${where} ${text.slice(0, 300)}`);
          if (variant === 'tenant' && !crossing) cells.splice(-1, 1, 'tenant:n/a');
          // Not echoed from the request, the other district's ids must not show at all.
          for (const x of foreign) {
            if (text.includes(x) && !sent.includes(x))
              problems.push(`(a) another district's ${x} in: ${where}`);
          }
          // (b) another unit's ticket.
          if (variant === 'unit' && HANDLERS.includes(role) && ![403, 404].includes(status)) {
            const code = safeCode(text);
            // A schema refusal comes before any lookup and says nothing of the ticket.
            if (!(status === 400 && (code === 'VALIDATION_FAILED' || code === 'UNKNOWN_FIELD')))
              problems.push(`(b) another unit's ticket: ${where} ${code}`);
          }
          // (c) the unit complained about.
          if (COMPLAINED.includes(role)) {
            for (const r of [REQ.complaint, REQ.above]) {
              if (text.includes(r.name) || text.includes(r.phone))
                problems.push(`(c) complainant shown to the complained unit: ${where}`);
            }
          }
          // (d) plain phones only through the reveal, each reveal logged.
          for (const r of Object.values(REQ)) {
            if (text.includes(r.phone) && op.key !== REVEAL)
              problems.push(`(d) plain phone outside the reveal: ${where}`);
          }
          if (op.key === REVEAL) {
            const after = await readCount(A.tenantId);
            if (status === 200) {
              reveals++;
              const row = await ctx.c.db
                .selectFrom('personal_data_reads')
                .selectAll()
                .where('tenant_id', '=', A.tenantId)
                .orderBy('id', 'desc')
                .executeTakeFirstOrThrow();
              const purpose = (body as { purpose?: string } | undefined)?.purpose ?? null;
              if (
                after !== readsBefore + 1 ||
                row.user_id !== userIds.get(role) ||
                row.ticket_id !== ticket.id ||
                row.at.toISOString() !== ctx.clock.now().toISOString() ||
                row.purpose !== purpose
              )
                problems.push(`(d) reveal without its read-log row: ${where}`);
            } else if (after !== readsBefore) {
              problems.push(`(d) refused reveal logged a read: ${where}`);
            }
          }
        }
        row[role] = cells.join(' ');
      }
      matrix[op.key] = row;
    }

    console.log(
      JSON.stringify({
        engine: ctx.engine,
        operations: ops.length,
        roles: ROLES.length,
        combinations,
        reveals,
        problems: problems.length,
      }),
    );
    if (process.env.AUTHZ_REPORT) writeFileSync(process.env.AUTHZ_REPORT, problems.join('\n'));
    expect(problems).toEqual([]);
    expect(ops.length).toBeGreaterThan(400);
    // The reveal answered someone (the centre, the handling village): the check above is not vacuous.
    expect(reveals).toBeGreaterThan(0);
    expect(statusOf.get(`${REVEAL} village_handler complaint`) ?? 403).not.toBe(200);
    const sorted = Object.fromEntries(
      Object.entries(matrix).sort(([a], [b]) => a.localeCompare(b)),
    );
    // The snapshot is compared on the embedded engine, where the file has a database of its
    // own; on the shared PostgreSQL database other files' districts, users and sign-in
    // attempts change a few public and sign-in cells. The leak checks above hold on both.
    if (ctx.engine === 'pglite') {
      await expect(`${JSON.stringify(sorted, null, 2)}\n`).toMatchFileSnapshot(
        './__snapshots__/authz-matrix.json',
      );
    }
  }, 600_000);
});

async function readCount(tenantId: string): Promise<number> {
  const r = await ctx.c.db
    .selectFrom('personal_data_reads')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A batch answer (2xx) in which nothing was done: every item failed, nothing cleared. */
function allRefused(text: string): boolean {
  try {
    const b = JSON.parse(text) as { results?: Array<{ ok: boolean }>; cleared?: number };
    if (Array.isArray(b.results)) return b.results.every((r) => !r.ok);
    if (typeof b.cleared === 'number') return b.cleared === 0;
  } catch {
    /* not JSON */
  }
  return false;
}

function safeCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
