// The catalogue the interface reads. Enum labels and server error messages come
// from @jiesu/contracts; the web app's own strings from ./zh-CN.ts. An English
// catalogue is a second pair of files with the same keys, picked here.
import { zhCN } from '@jiesu/contracts';
import { webZhCN } from './zh-CN';

export const t = { ...zhCN, web: webZhCN };
export type Catalogue = typeof t;

/** Fills `{name}` placeholders in a catalogue string. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
