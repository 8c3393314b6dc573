// Migrations in order. Names are timestamped; never edit one that has shipped,
// add a new one. Data backfills live in db/backfills as re-runnable scripts.
import type { Migration } from 'kysely';
import * as foundation from './20261121_0001_foundation.js';
import * as savedViews from './20261121_0002_saved_views.js';
import * as eventsNoTruncate from './20261121_0003_events_no_truncate.js';
import * as dispatch from './20261121_0004_dispatch.js';
import * as routing from './20261121_0005_routing.js';
import * as deliberation from './20261121_0006_deliberation.js';
import * as grid from './20261121_0007_grid.js';

export const migrations: Record<string, Migration> = {
  '20261121_0001_foundation': foundation,
  '20261121_0002_saved_views': savedViews,
  '20261121_0003_events_no_truncate': eventsNoTruncate,
  '20261121_0004_dispatch': dispatch,
  '20261121_0005_routing': routing,
  '20261121_0006_deliberation': deliberation,
  '20261121_0007_grid': grid,
};
