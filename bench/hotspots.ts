// Hot spots (未诉先办) on the 2020 泰迪杯 C message board (4,326 messages with
// likes, read at run time from ../shared/data/taidi2020/hotspot_messages.csv;
// never copied into the repository). The contest asked for the top 5 hot
// issues and their messages; here, in the same run:
//   method    — findHotspots as `jiesu hotspots` runs it: place agreement +
//               text similarity, centroid linkage, time window
//   textOnly  — the same clustering without the place gate (a baseline)
//   subject   — messages grouped by their exact subject (normalised; a baseline)
// Each prints its top 10 (title, size, distinct requesters, likes, heat, span)
// and its time. There are no labels, so the one automatic figure is place
// coherence: the share of a group's messages that name the group's most
// common place (a group mixing estates scores low). Purity is judged by
// reading the groups: `--dump FILE` writes every top group's messages to FILE
// (keep it outside the repository).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  analyse,
  findHotspots,
  formatTime,
  heatIndex,
  readHotspotCsv,
  type Hotspot,
  type HotspotMessage,
} from '../apps/server/src/modules/insight/hotspots/index.js';

const USAGE = `usage: npm run -s bench -- hotspots [--input FILE.csv] [--top 10] [--window-days 60] [--dump FILE]
  --input   default ../shared/data/taidi2020/hotspot_messages.csv (beside the repository)
  --dump    write the top groups' messages (id, date, requester, subject, start of the detail) to FILE`;

interface Row {
  rank: number;
  title: string;
  place: string;
  size: number;
  requesters: number;
  likes: number;
  heat: number;
  from: string;
  to: string;
  /** Share of the group's messages naming its most common place key (subject or detail). */
  placeCoherence: number;
}

/** Baseline: one group per normalised subject, from at least two requesters. */
function bySubject(messages: HotspotMessage[]): Hotspot[] {
  const groups = new Map<string, HotspotMessage[]>();
  for (const m of messages) {
    const key = m.subject.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const out: Hotspot[] = [];
  for (const g of groups.values()) {
    const requesters = new Set(g.map((m) => m.user)).size;
    if (requesters < 2) continue;
    const likes = g.reduce((s, m) => s + m.likes, 0);
    const stats = { requesters, messages: g.length, likes, growth: 1 };
    out.push({
      title: g[0]!.subject,
      place: '',
      from: Math.min(...g.map((m) => m.time)),
      to: Math.max(...g.map((m) => m.time)),
      ids: g.map((m) => m.id),
      ...stats,
      heat: heatIndex(stats),
      keywords: [],
    });
  }
  return out.sort((a, b) => b.heat - a.heat || b.messages - a.messages);
}

function rows(hs: Hotspot[], byId: Map<string, HotspotMessage>, top: number): Row[] {
  return hs.slice(0, top).map((h, i) => {
    const keys = h.ids.map((id) => {
      const m = byId.get(id)!;
      return new Set(
        [...analyse(m.subject).places, ...analyse(m.detail.slice(0, 200)).places].flatMap(
          (p) => p.keys,
        ),
      );
    });
    const count = new Map<string, number>();
    for (const ks of keys) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
    const best = Math.max(0, ...count.values());
    return {
      rank: i + 1,
      title: h.title,
      place: h.place,
      size: h.messages,
      requesters: h.requesters,
      likes: h.likes,
      heat: h.heat,
      from: formatTime(h.from).slice(0, 10),
      to: formatTime(h.to).slice(0, 10),
      placeCoherence: Math.round((best / h.messages) * 100) / 100,
    };
  });
}

function table(name: string, ms: number, rs: Row[]): string {
  const mean = rs.length ? rs.reduce((s, r) => s + r.placeCoherence, 0) / rs.length : 0;
  return [
    `${name}: ${Math.round(ms)} ms, mean place coherence of the top ${rs.length}: ${mean.toFixed(2)}`,
    ...rs.map(
      (r) =>
        `  ${String(r.rank).padStart(2)}  heat ${r.heat.toFixed(1).padStart(6)}  ${String(r.size).padStart(3)} msgs ${String(r.requesters).padStart(3)} people ${String(r.likes).padStart(5)} likes  ${r.from}…${r.to}  coh ${r.placeCoherence.toFixed(2)}  ${r.title.slice(0, 40)}`,
    ),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      top: { type: 'string', default: '10' },
      'window-days': { type: 'string' },
      dump: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const top = Number(values.top);
  const windowDays =
    values['window-days'] === undefined ? undefined : Number(values['window-days']);
  if (!Number.isInteger(top) || top < 1 || (windowDays !== undefined && !(windowDays > 0))) {
    console.error(USAGE);
    return 2;
  }
  const input =
    values.input ??
    resolve(import.meta.dirname, '../../shared/data/taidi2020/hotspot_messages.csv');
  let t = performance.now();
  const messages = await readHotspotCsv(input);
  const parseMs = performance.now() - t;
  const byId = new Map(messages.map((m) => [m.id, m]));

  const timed = (fn: () => Hotspot[]) => {
    const start = performance.now();
    const hs = fn();
    return { hs, ms: performance.now() - start };
  };
  const method = timed(() => findHotspots(messages, { windowDays }));
  const textOnly = timed(() => findHotspots(messages, { windowDays, usePlace: false }));
  const subject = timed(() => bySubject(messages));
  t = performance.now();
  const result = {
    input,
    messages: messages.length,
    parseMs: Math.round(parseMs),
    method: {
      ms: Math.round(method.ms),
      groups: method.hs.length,
      top: rows(method.hs, byId, top),
    },
    textOnly: {
      ms: Math.round(textOnly.ms),
      groups: textOnly.hs.length,
      top: rows(textOnly.hs, byId, top),
    },
    subject: {
      ms: Math.round(subject.ms),
      groups: subject.hs.length,
      top: rows(subject.hs, byId, top),
    },
  };
  console.error(
    [
      `${messages.length} messages read in ${result.parseMs} ms`,
      table(`method (place + text, ${method.hs.length} groups)`, method.ms, result.method.top),
      table(`baseline textOnly (${textOnly.hs.length} groups)`, textOnly.ms, result.textOnly.top),
      table(`baseline subject (${subject.hs.length} groups)`, subject.ms, result.subject.top),
    ].join('\n\n'),
  );
  if (values.dump) {
    const lines: string[] = [];
    for (const [name, hs] of [
      ['method', method.hs],
      ['textOnly', textOnly.hs],
    ] as const)
      hs.slice(0, top).forEach((h, i) => {
        lines.push(
          `\n=== ${name} ${i + 1}: ${h.messages} msgs, ${h.requesters} people, heat ${h.heat}, ${h.place} | ${h.title}`,
        );
        for (const id of h.ids) {
          const m = byId.get(id)!;
          lines.push(
            `  ${id} ${formatTime(m.time).slice(0, 10)} ${m.user} | ${m.subject} | ${m.detail.slice(0, 80).replace(/\s+/g, ' ')}`,
          );
        }
      });
    writeFileSync(values.dump, lines.join('\n'));
    console.error(`\ngroups' messages written to ${values.dump}`);
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
