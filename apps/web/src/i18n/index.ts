// The catalogue the interface reads. Enum labels and server error messages come
// from @jiesu/contracts; the web app's own strings from ./zh-CN.ts. An English
// catalogue is a second pair of files with the same keys, picked here.
import { zhCNLabels } from '@jiesu/contracts';
import { webZhCN } from './zh-CN';

export { fmt } from '@jiesu/contracts';
export const t = { ...zhCNLabels, web: webZhCN };
export type Catalogue = typeof t;
