// Smart dispatch (智能分派): learns the category of a request (the leaf the agent picks at
// intake) and its lead unit (where the dispatch centre finally sent it) from the district's
// own closed tickets, suggests the top 3 with a confidence, and records what was then
// chosen — the model's live accuracy. Training runs on demand and on a schedule, in a
// worker thread, under a per-district lease so two nodes never train the same district.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  DISPATCH_TARGETS,
  smartDispatchMessages as m,
  type DispatchAccuracy,
  type DispatchAccuracyQuery,
  type DispatchModelView,
  type DispatchTarget,
  type SmartDispatchOverview,
  type SuggestBody,
  type SuggestResult,
  type SuggestionOutcome,
  type SuggestionOutcomeBody,
  type SuggestionSet,
  type TrainDispatchBody,
  type TrainDispatchResult,
  type UpdateDispatchConfigBody,
} from '@jiesu/contracts';
import type { DB } from '../../../db/schema.js';
import type { Clock } from '../../../shared/clock.js';
import { hasRole, isCentre, type StaffActor } from '../../../shared/actor.js';
import { AppError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { utcOffsetOf } from '../../calendar/service.js';
import { predict, type Model } from '../classifier/model.js';
import { smartDispatchRepository } from './repository.js';
import { unpack } from './learn.js';
import { runLearn } from './trainer.js';

const DEFAULT_CONFIG = { retrainDays: 7, minSamples: 200 };
/** A lease outlives any training (10,000 tickets take ~30 s); a crashed node's lapses. */
const LEASE_MS = 15 * 60_000;
const MIN_TEXT = 4;
const DAY_MS = 86_400_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
  name: string;
  contentType: string;
  data: Buffer;
}

interface Loaded {
  version: number;
  model: Model;
  names: Map<string, string>;
}

type ModelRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof smartDispatchRepository>['model']>>
>;

/** Training and the figures page: administrators and the dispatch centre's dispatchers and supervisors. */
export function mayManage(actor: StaffActor): boolean {
  return hasRole(actor, ['admin']) || isCentre(actor, ['dispatcher', 'supervisor']);
}

/** Suggestions and their outcomes: the desk (agents, dispatchers) and administrators. */
export function maySuggest(actor: StaffActor): boolean {
  return hasRole(actor, ['admin']) || isCentre(actor, ['agent', 'dispatcher', 'supervisor']);
}

const forbidden = () => new AppError('FORBIDDEN');
const rate = (n: number, of: number) => (of > 0 ? n / of : null);

function view(r: ModelRow): DispatchModelView {
  return {
    target: r.target,
    version: r.version,
    active: r.active,
    trainedAt: new Date(r.trained_at).toISOString(),
    trainedBy: r.trained_by_name ?? null,
    samples: r.samples,
    labels: r.labels,
    holdout: r.holdout,
    macroF1: r.macro_f1,
    accuracy: r.accuracy,
    top3Accuracy: r.top3_accuracy,
    features: r.features,
    trainMs: r.train_ms,
    bytes: r.bytes,
  };
}

export function smartDispatchService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  /** Tests train inline; the server in a worker thread above a few hundred texts. */
  worker?: boolean;
}) {
  const { db, clock } = deps;
  const repo = smartDispatchRepository(db);
  const cache = new Map<string, Loaded>();
  /** Districts training in this process (the lease covers other nodes). */
  const training = new Set<string>();

  async function configOf(tenantId: string) {
    const c = await repo.config(tenantId);
    return c ? { retrainDays: c.retrain_days, minSamples: c.min_samples } : { ...DEFAULT_CONFIG };
  }

  async function loaded(tenantId: string, target: DispatchTarget): Promise<Loaded | undefined> {
    const version = await repo.activeVersion(tenantId, target);
    if (version === undefined) return undefined;
    const key = `${tenantId}:${target}`;
    const hit = cache.get(key);
    if (hit?.version === version) return hit;
    const blob = await repo.modelBlob(tenantId, target, version);
    if (!blob) return undefined;
    const model = unpack(blob);
    const names = new Map(
      (await repo.names(tenantId, target, model.labels))
        .filter((r) => r.active)
        .map((r) => [r.id, r.name]),
    );
    const l = { version, model, names };
    cache.set(key, l);
    return l;
  }

  /** Trains one target from the district's closed tickets; the lease is the caller's. */
  async function trainTarget(
    tenantId: string,
    target: DispatchTarget,
    by: string | null,
  ): Promise<TrainDispatchResult['results'][number]> {
    const { minSamples } = await configOf(tenantId);
    const rows = await repo.trainingRows(tenantId, target);
    const examples = rows.map((r) => ({ text: `${r.title}\n${r.description}`, label: r.label }));
    if (examples.length < minSamples || new Set(examples.map((e) => e.label)).size < 2)
      return { target, status: 'too_few_samples', samples: examples.length, model: null };
    const r = await runLearn(examples, deps.worker === undefined ? {} : { worker: deps.worker });
    const version = await repo.saveModel({
      id: newId(),
      tenant_id: tenantId,
      target,
      trained_at: clock.now(),
      trained_by: by,
      samples: r.samples,
      labels: r.labels,
      holdout: r.holdout,
      macro_f1: r.macroF1,
      accuracy: r.accuracy,
      top3_accuracy: r.top3Accuracy,
      features: r.features,
      train_ms: r.trainMs,
      bytes: r.bytes.byteLength,
      model: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength),
    });
    const saved = await repo.model(tenantId, target, version);
    return {
      target,
      status: 'trained',
      samples: examples.length,
      model: saved ? view(saved) : null,
    };
  }

  /** Trains the given targets under the district's lease; `busy` when someone else holds it. */
  async function trainTenant(
    tenantId: string,
    targets: readonly DispatchTarget[],
    by: string | null,
    leaseTaken = false,
  ): Promise<TrainDispatchResult> {
    const now = clock.now();
    if (
      training.has(tenantId) ||
      (!leaseTaken && !(await repo.takeLease(tenantId, now, new Date(now.getTime() + LEASE_MS))))
    )
      return {
        results: targets.map((target) => ({ target, status: 'busy', samples: 0, model: null })),
      };
    training.add(tenantId);
    try {
      const results: TrainDispatchResult['results'] = [];
      for (const target of targets) results.push(await trainTarget(tenantId, target, by));
      return { results };
    } finally {
      training.delete(tenantId);
      await repo.releaseLease(tenantId);
    }
  }

  async function suggestOne(
    tenantId: string,
    target: DispatchTarget,
    text: string,
  ): Promise<SuggestionSet> {
    const l = await loaded(tenantId, target);
    if (!l)
      return {
        target,
        modelVersion: null,
        items: [],
        reason: training.has(tenantId) ? 'training' : 'no_model',
      };
    if (text.replace(/\s/g, '').length < MIN_TEXT)
      return { target, modelVersion: l.version, items: [], reason: 'too_short' };
    // Labels since deactivated are skipped: the best three that can still be chosen.
    const items = predict(l.model, text, l.model.labels.length)
      .filter((s) => l.names.has(s.label))
      .slice(0, 3)
      .map((s) => ({ id: s.label, name: l.names.get(s.label)!, score: s.score }));
    return { target, modelVersion: l.version, items, reason: null };
  }

  /** Starts training a district that has no model at all and enough tickets; never throws. */
  async function trainIfNone(tenantId: string): Promise<void> {
    try {
      if (training.has(tenantId)) return;
      const missing: DispatchTarget[] = [];
      for (const t of DISPATCH_TARGETS)
        if ((await repo.activeVersion(tenantId, t)) === undefined) missing.push(t);
      if (missing.length === 0) return;
      const { minSamples } = await configOf(tenantId);
      const enough: DispatchTarget[] = [];
      for (const t of missing)
        if ((await repo.trainingCount(tenantId, t)) >= minSamples) enough.push(t);
      if (enough.length > 0) await trainTenant(tenantId, enough, null);
    } catch {
      // Background work: the next visit or the scheduled tick tries again.
    }
  }

  async function accuracyOf(tenantId: string, weeks: number): Promise<DispatchAccuracy> {
    const offset = utcOffsetOf(await repo.tenantSettings(tenantId));
    const now = clock.now();
    // From the Monday (local) `weeks - 1` weeks before this one.
    const local = new Date(now.getTime() + offset * 60_000);
    const dow = (local.getUTCDay() + 6) % 7;
    const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - dow);
    const from = new Date(monday - (weeks - 1) * 7 * DAY_MS - offset * 60_000);
    const [weekly, misses] = await Promise.all([
      repo.weekly(tenantId, from, offset),
      repo.misses(tenantId, from, 10),
    ]);
    const figures = (shown: number, top1: number, top3: number) => ({
      shown,
      top1,
      top3,
      top1Rate: rate(top1, shown),
      top3Rate: rate(top3, shown),
    });
    const totals = DISPATCH_TARGETS.map((target) => {
      const of = weekly.filter((w) => w.target === target);
      const sum = (k: 'shown' | 'top1' | 'top3') => of.reduce((s, w) => s + Number(w[k]), 0);
      return { target, ...figures(sum('shown'), sum('top1'), sum('top3')) };
    });
    const nameOf = new Map<string, string>();
    for (const target of DISPATCH_TARGETS) {
      const ids = [
        ...new Set(
          misses.filter((x) => x.target === target).flatMap((x) => [x.suggested_id, x.chosen_id]),
        ),
      ];
      for (const r of await repo.names(tenantId, target, ids)) nameOf.set(r.id, r.name);
    }
    return {
      from: from.toISOString(),
      totals,
      weeks: weekly.map((w) => ({
        week: w.week,
        target: w.target,
        ...figures(Number(w.shown), Number(w.top1), Number(w.top3)),
      })),
      misses: misses.map((x) => ({
        target: x.target,
        suggested: { id: x.suggested_id, name: nameOf.get(x.suggested_id) ?? '' },
        chosen: { id: x.chosen_id, name: nameOf.get(x.chosen_id) ?? '' },
        count: Number(x.n),
      })),
    };
  }

  return {
    async suggest(actor: StaffActor, body: SuggestBody): Promise<SuggestResult> {
      if (!maySuggest(actor)) throw forbidden();
      const text = `${body.title?.trim() ?? ''}\n${body.description.trim()}`;
      const targets = body.targets ?? ['category'];
      const sets: SuggestionSet[] = [];
      for (const target of targets) sets.push(await suggestOne(actor.tenantId, target, text));
      // The first visit of a district without a model starts its training in the background.
      if (sets.some((s) => s.reason === 'no_model')) void trainIfNone(actor.tenantId);
      for (const s of sets)
        if (s.reason === 'no_model' && training.has(actor.tenantId)) s.reason = 'training';
      return { sets };
    },

    trainIfNone,

    async recordOutcome(
      actor: StaffActor,
      body: SuggestionOutcomeBody,
    ): Promise<SuggestionOutcome> {
      if (!maySuggest(actor)) throw forbidden();
      const t = await repo.ticket(actor.tenantId, body.ticketId);
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      const chosen = body.target === 'category' ? t.category_id : t.lead_unit_id;
      if (!chosen)
        throw new AppError('VALIDATION_FAILED', [
          { path: '/ticketId', message: '该工单尚未派单,没有主办单位' },
        ]);
      const ids = body.shown.map((s) => s.id);
      if (new Set(ids).size !== ids.length)
        throw new AppError('VALIDATION_FAILED', [{ path: '/shown', message: '推荐项重复' }]);
      const at = ids.indexOf(chosen);
      const r = await repo.recordOutcome({
        id: newId(),
        tenant_id: actor.tenantId,
        ticket_id: t.id,
        target: body.target,
        model_version: body.modelVersion,
        shown: JSON.stringify(body.shown),
        chosen_id: chosen,
        taken: at >= 0,
        rank: at >= 0 ? at + 1 : null,
        at: clock.now(),
        by_user_id: actor.kind === 'staff' ? actor.userId : null,
      });
      return {
        id: r.id,
        ticketId: r.ticket_id,
        target: r.target,
        chosenId: r.chosen_id,
        taken: r.taken,
        rank: r.rank,
      };
    },

    async overview(actor: StaffActor): Promise<SmartDispatchOverview> {
      if (!mayManage(actor)) throw forbidden();
      const tenantId = actor.tenantId;
      const [config, models, category, unit] = await Promise.all([
        configOf(tenantId),
        repo.models(tenantId),
        repo.trainingCount(tenantId, 'category'),
        repo.trainingCount(tenantId, 'unit'),
      ]);
      const c = await repo.config(tenantId);
      const leased = !!c?.lease_until && c.lease_until > clock.now();
      return {
        config,
        models: models.map(view),
        training: training.has(tenantId) || leased,
        mayTrain: true,
        available: { category, unit },
      };
    },

    async train(actor: StaffActor, body: TrainDispatchBody): Promise<TrainDispatchResult> {
      if (!mayManage(actor)) throw forbidden();
      return trainTenant(actor.tenantId, body.targets ?? DISPATCH_TARGETS, actor.userId);
    },

    async updateConfig(actor: StaffActor, body: UpdateDispatchConfigBody) {
      if (!hasRole(actor, ['admin'])) throw forbidden();
      await repo.saveConfig(actor.tenantId, body.retrainDays, body.minSamples, clock.now());
      return configOf(actor.tenantId);
    },

    async accuracy(actor: StaffActor, q: DispatchAccuracyQuery): Promise<DispatchAccuracy> {
      if (!mayManage(actor)) throw forbidden();
      return accuracyOf(actor.tenantId, q.weeks ?? 12);
    },

    async exportAccuracy(actor: StaffActor, q: DispatchAccuracyQuery): Promise<ExportFile> {
      if (!mayManage(actor)) throw forbidden();
      const a = await accuracyOf(actor.tenantId, q.weeks ?? 12);
      const models = await repo.models(actor.tenantId);
      const wb = new ExcelJS.Workbook();
      const sheet = (name: string, header: string[], rows: Array<Array<string | number>>) => {
        const ws = wb.addWorksheet(name);
        ws.addRow(header).font = { bold: true };
        for (const r of rows) ws.addRow(r);
        ws.columns.forEach((c) => (c.width = 16));
      };
      const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
      sheet(
        m.sheetWeeks,
        m.weekHeader,
        a.weeks.map((w) => [
          w.week,
          m.target[w.target],
          w.shown,
          w.top1,
          w.top3,
          pct(w.top1Rate),
          pct(w.top3Rate),
        ]),
      );
      sheet(
        m.sheetMisses,
        m.missHeader,
        a.misses.map((x) => [m.target[x.target], x.suggested.name, x.chosen.name, x.count]),
      );
      sheet(
        m.sheetModels,
        m.modelHeader,
        models
          .map(view)
          .map((v) => [
            m.target[v.target],
            v.version,
            v.active ? m.yes : m.no,
            v.trainedAt,
            v.samples,
            v.labels,
            v.holdout,
            v.macroF1 === null ? '' : Number(v.macroF1.toFixed(4)),
            pct(v.accuracy),
            pct(v.top3Accuracy),
            v.trainMs,
          ]),
      );
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      return { name: m.fileName, contentType: XLSX, data };
    },

    /**
     * The scheduled tick: retrains the districts whose models are older than their interval
     * (or missing). Claims under an advisory lock, trains outside any transaction (the
     * embedded engine has one connection). Never throws: a failure waits for the next tick.
     */
    async retrainDue(): Promise<{ tenants: number; trained: number }> {
      let trained = 0;
      let tenants = 0;
      try {
        const now = clock.now();
        const ids = await repo.claimDue(now, new Date(now.getTime() + LEASE_MS));
        tenants = ids.length;
        for (const tenantId of ids) {
          try {
            const { retrainDays } = await configOf(tenantId);
            const stale: DispatchTarget[] = [];
            for (const target of DISPATCH_TARGETS) {
              const v = await repo.activeVersion(tenantId, target);
              const row = v === undefined ? undefined : await repo.model(tenantId, target, v);
              if (!row || new Date(row.trained_at).getTime() < now.getTime() - retrainDays * DAY_MS)
                stale.push(target);
            }
            const r = await trainTenant(tenantId, stale, null, true);
            trained += r.results.filter((x) => x.status === 'trained').length;
          } catch {
            await repo.releaseLease(tenantId).catch(() => undefined);
          }
        }
      } catch {
        // The database may be away: the next tick tries again.
      }
      return { tenants, trained };
    },
  };
}

export type SmartDispatchService = ReturnType<typeof smartDispatchService>;
