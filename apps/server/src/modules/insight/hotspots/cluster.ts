// Hot spots (未诉先办, 举一反三): groups of requests about one problem at one
// place within a time window, from different requesters, ranked by a heat
// index. Pure: messages in, ranked groups out; no clock, no database.
//
// 1. Each message is analysed (text.ts): its places (estate, road, village,
//    institution; keys without 小区/一期…, 龙湾翠湖苑 → 翠湖苑 when the
//    shorter name also occurs) and its problem words (jieba, stop words out).
// 2. Text similarity: cosine of TF-IDF vectors over the problem words, the
//    subject counted twice. Near-duplicates (MinHash over character
//    shingles, Jaccard ≥ 0.7, minhash.ts) count as similarity 1.
// 3. Place agreement: two messages can only be linked when they share a
//    place key (or are near-duplicates). With `usePlace: false` (the
//    baseline) any two messages can.
// 4. Clustering: agglomerative, centroid (cosine) linkage over that sparse
//    similarity: groups A and B merge while
//      S(A,B) / √((|A| + 2·W(A)) · (|B| + 2·W(B))) ≥ threshold
//    where S(A,B) sums the similarities across and W(A) inside a group —
//    the cosine of the groups' summed vectors when the similarities are dot
//    products. Missing pairs (no shared place) count 0, so a group's members
//    must be similar to the group as a whole, not merely chained; two tight
//    groups of differently worded reports of one problem still merge. And
//    only when their time spans are at most `windowDays` apart.
// 5. A hot spot is a group with at least `minRequesters` distinct requesters.
import { analyse, districtOf, type Place } from './text.js';
import { nearDuplicatePairs } from './minhash.js';

export interface HotspotMessage {
  id: string;
  /** Requester id (phone, account): distinct requesters count, not messages. */
  user: string;
  subject: string;
  detail: string;
  /** Epoch milliseconds. */
  time: number;
  /** Support (likes, 点赞数), 0 where the channel has none. */
  likes: number;
}

export interface HotspotOptions {
  /** Average-linkage similarity at or above which two groups merge. */
  threshold: number;
  /** Two groups merge only if their time spans are at most this many days apart. */
  windowDays: number;
  /** Require a shared place (false: the text-only baseline). */
  usePlace: boolean;
  /** Messages whose subjects name no place link only at this text similarity or above. */
  placelessThreshold: number;
  /** How much of the detail is read for places and words (the subject always is). */
  detailChars: number;
  /** The subject's words count this many times (it states the problem; the detail wanders). */
  subjectWeight: number;
  /** Groups with fewer distinct requesters are not hot spots. */
  minRequesters: number;
  /** Growth compares the last `growthDays` before `asOf` with the `growthDays` before them. */
  growthDays: number;
  /** The moment growth is measured at; default the newest message. */
  asOf?: number;
}

export const DEFAULT_OPTIONS: HotspotOptions = {
  threshold: 0.15,
  windowDays: 60,
  usePlace: true,
  placelessThreshold: 0.4,
  detailChars: 200,
  subjectWeight: 4,
  minRequesters: 2,
  growthDays: 30,
};

export interface Hotspot {
  title: string;
  /** The place most of the group's messages name, with its district: A2区某某小区. */
  place: string;
  from: number;
  to: number;
  ids: string[];
  messages: number;
  requesters: number;
  likes: number;
  /** (messages in the last growthDays + 1) / (messages in the growthDays before + 1). */
  growth: number;
  heat: number;
  /** The group's most characteristic problem words. */
  keywords: string[];
}

const DAY = 86_400_000;

/**
 * Heat index of a group:
 *
 *   heat = 10 × ( 2·ln(1 + requesters) + ln(1 + messages) + ½·ln(1 + likes) + ln(max(1, growth)) )
 *
 * Distinct requesters weigh most (many people raising one problem is what a
 * hot spot is; one person writing ten times is not); messages add repeat
 * pressure; likes add support, damped by the log because one post can
 * collect thousands; growth adds only when the group is rising.
 * It increases in each argument.
 */
export function heatIndex(g: {
  requesters: number;
  messages: number;
  likes: number;
  growth: number;
}): number {
  const raw =
    2 * Math.log1p(g.requesters) +
    Math.log1p(g.messages) +
    0.5 * Math.log1p(Math.max(0, g.likes)) +
    Math.log(Math.max(1, g.growth));
  return Math.round(raw * 100) / 10;
}

interface Doc {
  places: (Place & { inSubject: boolean })[];
  keys: string[];
  vector: Map<number, number>;
  district: string;
  /** The subject names a place. */
  placed: boolean;
}

/** Analyse every message and build its unit TF-IDF vector and canonical place keys. */
function documents(
  messages: HotspotMessage[],
  o: HotspotOptions,
): { docs: Doc[]; words: string[]; canon: (key: string) => string } {
  const analysed = messages.map((m) => {
    const subject = analyse(m.subject);
    const detailText = m.detail.slice(0, o.detailChars);
    const detail = analyse(detailText);
    const places = [
      ...subject.places.map((p) => ({ ...p, inSubject: true })),
      ...detail.places.map((p) => ({ ...p, inSubject: false })),
    ];
    return {
      places,
      words: [...repeat(subject.words, o.subjectWeight), ...detail.words],
      bigrams: [
        ...repeat(charBigrams(m.subject, subject.places), o.subjectWeight),
        ...charBigrams(detailText, detail.places),
      ],
      district: districtOf(m.subject) || districtOf(detailText),
      placed: subject.places.length > 0,
    };
  });
  // Canonical key: the shortest estate, road or village key of the corpus
  // (≥ 3 characters) that ends the key: 龙湾翠湖苑 → 翠湖苑, 老城青石路 →
  // 青石路. Not for schools and hospitals, whose tails (实验小学, 人民医院)
  // name many different places.
  const allKeys = new Set<string>();
  const tails = new Set<string>();
  for (const a of analysed)
    for (const p of a.places)
      for (const k of p.keys) {
        allKeys.add(k);
        if (p.kind !== 'institution') tails.add(k);
      }
  const canon = new Map<string, string>();
  for (const k of allKeys) {
    let best = k;
    for (let s = k.length - 3; s > 0; s--) {
      const tail = k.slice(s);
      if (tails.has(tail)) best = tail;
    }
    canon.set(k, best);
  }
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const count = (terms: string[]) => {
    const c = new Map<number, number>();
    for (const w of terms) {
      let id = vocab.get(w);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(w, id);
        df.push(0);
      }
      c.set(id, (c.get(id) ?? 0) + 1);
    }
    for (const id of c.keys()) df[id]!++;
    return c;
  };
  const counts = analysed.map((a) => ({
    words: count(a.words),
    bigrams: count(a.bigrams.map((b) => `#${b}`)),
  }));
  const n = messages.length;
  // One unit TF-IDF block per view, each scaled by √½: the cosine of the
  // concatenation is the mean of the word cosine and the bigram cosine.
  const block = (c: Map<number, number>, v: Map<number, number>) => {
    const part = new Map<number, number>();
    let norm = 0;
    for (const [id, tf] of c) {
      const w = (1 + Math.log(tf)) * Math.log(1 + n / df[id]!);
      if (w <= 0) continue;
      part.set(id, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of part) v.set(id, (w / norm) * Math.SQRT1_2);
  };
  const docs = analysed.map((a, i) => {
    const v = new Map<number, number>();
    block(counts[i]!.words, v);
    block(counts[i]!.bigrams, v);
    const keys = [...new Set(a.places.flatMap((p) => p.keys.map((k) => canon.get(k) ?? k)))];
    return { places: a.places, keys, vector: v, district: a.district, placed: a.placed };
  });
  return { docs, words: [...vocab.keys()], canon: (k: string) => canon.get(k) ?? k };
}

function repeat<T>(xs: T[], times: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(...xs);
  return out;
}

/** Character bigrams of the Chinese runs of a text, its place names cut out (they are matched as places). */
function charBigrams(text: string, places: Place[]): string[] {
  let t = text.normalize('NFKC');
  for (const p of places) t = t.split(p.name).join('|');
  const out: string[] = [];
  for (const run of t.match(/[\u4e00-\u9fa5]+/g) ?? [])
    for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [id, w] of small) {
    const x = big.get(id);
    if (x !== undefined) s += w * x;
  }
  return s;
}

/** Sparse similarity: pair key i*n+j (i<j) → similarity, for the pairs that may link. */
function similarities(messages: HotspotMessage[], docs: Doc[], o: HotspotOptions) {
  const n = messages.length;
  const sim = new Map<number, number>();
  const consider = (i: number, j: number) => {
    if (i === j) return;
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = a * n + b;
    if (sim.has(key)) return;
    const s = cosine(docs[a]!.vector, docs[b]!.vector);
    if (s > 0) sim.set(key, s);
  };
  if (o.usePlace) {
    // Pairs of messages naming the same place: their text similarity.
    const byKey = new Map<string, number[]>();
    docs.forEach((d, i) => {
      for (const k of d.keys) {
        const list = byKey.get(k);
        if (list) list.push(i);
        else byKey.set(k, [i]);
      }
    });
    for (const list of byKey.values())
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) consider(list[x]!, list[y]!);
  }
  // Text-only pairs: all of them for the baseline; with places, only between
  // messages whose subjects name no place (a city-wide matter: a fraud case,
  // a policy), and only when their texts are much alike.
  const free = o.usePlace ? docs.flatMap((d, i) => (d.placed ? [] : [i])) : docs.map((_, i) => i);
  const floor = o.usePlace ? o.placelessThreshold : 0;
  // Inverted index: only pairs sharing a term can have a positive cosine.
  const postings = new Map<number, number[]>();
  for (const i of free)
    for (const id of docs[i]!.vector.keys()) {
      const list = postings.get(id);
      if (list) list.push(i);
      else postings.set(id, [i]);
    }
  for (const i of free) {
    const acc = new Map<number, number>();
    for (const [id, w] of docs[i]!.vector)
      for (const j of postings.get(id)!)
        if (j > i) acc.set(j, (acc.get(j) ?? 0) + w * docs[j]!.vector.get(id)!);
    for (const [j, s] of acc) if (s > 0 && s >= floor && !sim.has(i * n + j)) sim.set(i * n + j, s);
  }
  const texts = messages.map((m) => `${m.subject}${m.detail.slice(0, o.detailChars)}`);
  // A copied text is the same matter, unless the copies name different places
  // (one template posted about two estates is two problems).
  for (const [i, j] of nearDuplicatePairs(texts)) {
    const a = docs[i]!.keys;
    const b = docs[j]!.keys;
    if (!o.usePlace || !a.length || !b.length || a.some((k) => b.includes(k)))
      sim.set(i * n + j, 1);
  }
  return sim;
}

/** Union-find components of the graph whose edges reach the threshold. */
function components(n: number, sim: Map<number, number>, threshold: number): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [key, s] of sim) {
    if (s < threshold) continue;
    const a = find(Math.floor(key / n));
    const b = find(key % n);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * Centroid linkage inside one component. Deterministic: ties go to the
 * lowest indices, and members are message indices in ascending order, so
 * the result depends on the messages, not on their order in the input
 * (see the property test).
 */
function centroidLinkage(
  members: number[],
  n: number,
  sim: Map<number, number>,
  times: number[],
  o: HotspotOptions,
): number[][] {
  const k = members.length;
  const S = new Float64Array(k * k);
  for (let x = 0; x < k; x++)
    for (let y = x + 1; y < k; y++) {
      const s = sim.get(members[x]! * n + members[y]!) ?? 0;
      S[x * k + y] = s;
      S[y * k + x] = s;
    }
  const size = new Array<number>(k).fill(1);
  // Sum of the similarities inside each group (each pair once).
  const within = new Array<number>(k).fill(0);
  const lo = members.map((m) => times[m]!);
  const hi = [...lo];
  const alive = new Array<boolean>(k).fill(true);
  const groups = members.map((m) => [m]);
  const windowMs = o.windowDays * DAY;
  const score = (x: number, y: number) => {
    const gap = Math.max(0, Math.max(lo[x]!, lo[y]!) - Math.min(hi[x]!, hi[y]!));
    if (gap > windowMs) return -1;
    return S[x * k + y]! / Math.sqrt((size[x]! + 2 * within[x]!) * (size[y]! + 2 * within[y]!));
  };
  const best = new Int32Array(k).fill(-1);
  const bestVal = new Float64Array(k).fill(-1);
  const refresh = (x: number) => {
    best[x] = -1;
    bestVal[x] = -1;
    for (let y = 0; y < k; y++) {
      if (y === x || !alive[y]) continue;
      const v = score(x, y);
      if (v > bestVal[x]!) {
        bestVal[x] = v;
        best[x] = y;
      }
    }
  };
  for (let x = 0; x < k; x++) refresh(x);
  for (;;) {
    let a = -1;
    for (let x = 0; x < k; x++)
      if (alive[x] && best[x]! >= 0 && (a < 0 || bestVal[x]! > bestVal[a]!)) a = x;
    if (a < 0 || bestVal[a]! < o.threshold) break;
    let b = best[a]!;
    if (b < a) [a, b] = [b, a];
    within[a] = within[a]! + within[b]! + S[a * k + b]!;
    for (let y = 0; y < k; y++) {
      if (y === a || y === b) continue;
      const merged = S[a * k + y]! + S[b * k + y]!;
      S[a * k + y] = merged;
      S[y * k + a] = merged;
    }
    size[a] = size[a]! + size[b]!;
    lo[a] = Math.min(lo[a]!, lo[b]!);
    hi[a] = Math.max(hi[a]!, hi[b]!);
    groups[a]!.push(...groups[b]!);
    alive[b] = false;
    for (let x = 0; x < k; x++) {
      if (!alive[x]) continue;
      if (x === a || best[x] === a || best[x] === b) refresh(x);
      else {
        const v = score(x, a);
        if (v > bestVal[x]! || (v === bestVal[x]! && a < best[x]!)) {
          bestVal[x] = v;
          best[x] = a;
        }
      }
    }
  }
  return groups.filter((_, x) => alive[x] && size[x]! > 1).map((g) => g.sort((p, q) => p - q));
}

function mostCommon(values: string[]): string {
  const c = new Map<string, number>();
  for (const v of values) if (v) c.set(v, (c.get(v) ?? 0) + 1);
  let best = '';
  let bestN = 0;
  for (const [v, k] of c)
    if (
      k > bestN ||
      (k === bestN && (v.length > best.length || (v.length === best.length && v < best)))
    ) {
      best = v;
      bestN = k;
    }
  return best;
}

/** Groups of messages about one problem at one place, hottest first. */
export function findHotspots(
  messages: HotspotMessage[],
  options: Partial<HotspotOptions> = {},
): Hotspot[] {
  const o: HotspotOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) Object.assign(o, { [k]: v });
  // Work in a canonical order (time, then id) so the input order does not matter.
  const msgs = [...messages].sort(
    (a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const n = msgs.length;
  if (!n) return [];
  const { docs, words, canon } = documents(msgs, o);
  const sim = similarities(msgs, docs, o);
  const times = msgs.map((m) => m.time);
  const asOf = o.asOf ?? Math.max(...times);
  const groups = components(n, sim, o.threshold).flatMap((c) =>
    centroidLinkage(c, n, sim, times, o),
  );
  const hotspots: Hotspot[] = [];
  for (const g of groups) {
    const users = new Set(g.map((i) => msgs[i]!.user));
    if (users.size < o.minRequesters) continue;
    const recent = g.filter((i) => times[i]! > asOf - o.growthDays * DAY && times[i]! <= asOf);
    const earlier = g.filter(
      (i) => times[i]! > asOf - 2 * o.growthDays * DAY && times[i]! <= asOf - o.growthDays * DAY,
    );
    const growth = (recent.length + 1) / (earlier.length + 1);
    const likes = g.reduce((s, i) => s + msgs[i]!.likes, 0);
    // Title: the subject of the most central message (highest summed similarity to the others).
    let central = g[0]!;
    let centralScore = -1;
    for (const i of g) {
      let s = 0;
      for (const j of g) if (i !== j) s += sim.get(Math.min(i, j) * n + Math.max(i, j)) ?? 0;
      if (s > centralScore) {
        centralScore = s;
        central = i;
      }
    }
    const subjectKeys = g.flatMap((i) =>
      docs[i]!.places.filter((p) => p.inSubject).flatMap((p) => p.keys.map((k) => canon(k))),
    );
    const key = mostCommon(subjectKeys.length ? subjectKeys : g.flatMap((i) => docs[i]!.keys));
    // The place as most members' subjects write it (details ramble), with its district.
    const named = (i: number, subjectOnly: boolean) =>
      docs[i]!.places.filter((p) => (!subjectOnly || p.inSubject) && p.name.includes(key)).map(
        (p) => p.full,
      );
    const names = g.flatMap((i) => named(i, true));
    if (!names.length) names.push(...g.flatMap((i) => named(i, false)));
    const district = mostCommon(g.map((i) => docs[i]!.district));
    const place = `${district}${mostCommon(names) || key}`;
    const weight = new Map<number, number>();
    for (const i of g)
      for (const [id, w] of docs[i]!.vector)
        if (!words[id]!.startsWith('#')) weight.set(id, (weight.get(id) ?? 0) + w);
    const keywords = [...weight.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([id]) => words[id]!);
    const ids = g.map((i) => msgs[i]!.id);
    const stats = { requesters: users.size, messages: g.length, likes, growth };
    hotspots.push({
      title: msgs[central]!.subject,
      place,
      from: Math.min(...g.map((i) => times[i]!)),
      to: Math.max(...g.map((i) => times[i]!)),
      ids,
      ...stats,
      growth: Math.round(growth * 100) / 100,
      heat: heatIndex(stats),
      keywords,
    });
  }
  return hotspots.sort(
    (a, b) => b.heat - a.heat || b.messages - a.messages || (a.ids[0]! < b.ids[0]! ? -1 : 1),
  );
}

export interface AlertConfig {
  /** Each set condition must hold (all of them). */
  minHeat?: number;
  minRequesters?: number;
  minMessages?: number;
  minGrowth?: number;
}

export interface HotspotAlert {
  hotspot: Hotspot;
  /** Which configured conditions it meets, e.g. ['heat 81.2 ≥ 60', 'requesters 12 ≥ 10']. */
  reasons: string[];
}

/** The hot spots that cross the configured threshold (every set condition), hottest first. */
export function alerts(hotspots: Hotspot[], config: AlertConfig): HotspotAlert[] {
  const checks: [keyof AlertConfig, (h: Hotspot) => number, string][] = [
    ['minHeat', (h) => h.heat, 'heat'],
    ['minRequesters', (h) => h.requesters, 'requesters'],
    ['minMessages', (h) => h.messages, 'messages'],
    ['minGrowth', (h) => h.growth, 'growth'],
  ];
  const active = checks.filter(([k]) => config[k] !== undefined);
  if (!active.length) return [];
  const out: HotspotAlert[] = [];
  for (const h of hotspots) {
    const reasons: string[] = [];
    let ok = true;
    for (const [k, get, label] of active) {
      const v = get(h);
      if (v >= config[k]!) reasons.push(`${label} ${v} ≥ ${config[k]}`);
      else ok = false;
    }
    if (ok) out.push({ hotspot: h, reasons });
  }
  return out.sort((a, b) => b.hotspot.heat - a.hotspot.heat);
}
