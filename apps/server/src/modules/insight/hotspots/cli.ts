// `jiesu hotspots --input FILE.csv [--top 10] [--window-days N]`: the hot
// spots of a message-board export, hottest first, as JSON on stdout.
import type { Command } from 'commander';
import { findHotspots, DEFAULT_OPTIONS } from './cluster.js';
import { readHotspotCsv, formatTime, HOTSPOT_COLUMNS } from './csv.js';

export const HOTSPOTS_USAGE = `usage: jiesu hotspots --input FILE.csv [--top 10] [--window-days ${DEFAULT_OPTIONS.windowDays}]

  --input FILE.csv    messages with the columns ${HOTSPOT_COLUMNS.join(', ')}
  --top N             how many hot spots to print (default 10)
  --window-days N     two groups of one problem merge only if at most N days apart (default ${DEFAULT_OPTIONS.windowDays})

prints [{"rank":1,"title":…,"heat":…,"from":…,"to":…,"place":…,"ids":[留言编号,…],…},…]`;

export interface HotspotsArgs {
  input?: string;
  top?: string;
  windowDays?: string;
}

function positiveInt(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) return undefined;
  return Number(text);
}

/** Resolves to the exit code: 0 done, 2 bad arguments, 1 unreadable input. */
export async function runHotspots(args: HotspotsArgs): Promise<number> {
  const top = positiveInt(args.top, 10);
  const windowDays = positiveInt(args.windowDays, DEFAULT_OPTIONS.windowDays);
  if (!args.input || top === undefined || windowDays === undefined) {
    console.error(HOTSPOTS_USAGE);
    return 2;
  }
  let messages;
  try {
    messages = await readHotspotCsv(args.input);
  } catch (err) {
    console.error(`cannot read ${args.input}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const numericIds = messages.every((m) => /^\d{1,15}$/.test(m.id));
  const out = findHotspots(messages, { windowDays })
    .slice(0, top)
    .map((h, i) => ({
      rank: i + 1,
      title: h.title,
      heat: h.heat,
      from: formatTime(h.from),
      to: formatTime(h.to),
      place: h.place,
      ids: numericIds ? h.ids.map(Number) : h.ids,
      size: h.messages,
      requesters: h.requesters,
      likes: h.likes,
      growth: h.growth,
      keywords: h.keywords,
    }));
  // One hot spot a line: readable, and still one JSON document.
  process.stdout.write(`[\n${out.map((h) => `  ${JSON.stringify(h)}`).join(',\n')}\n]\n`);
  return 0;
}

/** Adds the `hotspots` command; bad or unknown arguments print the usage and exit 2. */
export function registerHotspots(program: Command): void {
  program
    .command('hotspots')
    .description('hot spots (未诉先办) in a CSV of messages, hottest first, as JSON')
    .option('--input <file>')
    .option('--top <n>')
    .option('--window-days <n>')
    .configureOutput({ writeErr: () => {} })
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed') process.exit(0);
      console.error(`${err.message}\n\n${HOTSPOTS_USAGE}`);
      process.exit(2);
    })
    .action(async (o: HotspotsArgs) => {
      process.exitCode = await runHotspots(o);
    });
}
