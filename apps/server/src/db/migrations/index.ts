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
import * as residents from './20261121_0008_residents.js';
import * as duties from './20261121_0009_duties.js';
import * as broadcasts from './20261121_0010_broadcasts.js';
import * as studios from './20261121_0011_studios.js';
import * as gridAssessment from './20261121_0012_grid_assessment.js';
import * as microGrids from './20261121_0013_micro_grids.js';
import * as rollups from './20261121_0014_rollups.js';
import * as oversight from './20261121_0015_oversight.js';
import * as assessmentCounters from './20261121_0016_assessment_counters.js';
import * as assessmentSnapshots from './20261121_0017_assessment_snapshots.js';
import * as colourLists from './20261121_0018_colour_lists.js';
import * as civilityPoints from './20261121_0019_civility_points.js';
import * as dashboardRollups from './20261121_0020_dashboard_rollups.js';
import * as ticketSearch from './20261121_0021_ticket_search.js';
import * as smartDispatch from './20261121_0022_smart_dispatch.js';
import * as hotspotsRepeats from './20261121_0023_hotspots_repeats.js';
import * as volunteers from './20261121_0024_volunteers.js';
import * as handling from './20261121_0025_handling.js';
import * as callbacks from './20261122_0026_callbacks.js';
import * as replyTemplates from './20261122_0027_reply_templates.js';
import * as open311Tokens from './20261122_0028_open311_tokens.js';
import * as webhooksUpstream from './20261122_0029_webhooks_upstream.js';
import * as notifications from './20261122_0030_notifications.js';
import * as searchRecent from './20261122_0031_search_recent.js';
import * as idempotency from './20261122_0032_idempotency.js';

export const migrations: Record<string, Migration> = {
  '20261121_0001_foundation': foundation,
  '20261121_0002_saved_views': savedViews,
  '20261121_0003_events_no_truncate': eventsNoTruncate,
  '20261121_0004_dispatch': dispatch,
  '20261121_0005_routing': routing,
  '20261121_0006_deliberation': deliberation,
  '20261121_0007_grid': grid,
  '20261121_0008_residents': residents,
  '20261121_0009_duties': duties,
  '20261121_0010_broadcasts': broadcasts,
  '20261121_0011_studios': studios,
  '20261121_0012_grid_assessment': gridAssessment,
  '20261121_0013_micro_grids': microGrids,
  '20261121_0014_rollups': rollups,
  '20261121_0015_oversight': oversight,
  '20261121_0016_assessment_counters': assessmentCounters,
  '20261121_0017_assessment_snapshots': assessmentSnapshots,
  '20261121_0018_colour_lists': colourLists,
  '20261121_0019_civility_points': civilityPoints,
  '20261121_0020_dashboard_rollups': dashboardRollups,
  '20261121_0021_ticket_search': ticketSearch,
  '20261121_0022_smart_dispatch': smartDispatch,
  '20261121_0023_hotspots_repeats': hotspotsRepeats,
  '20261121_0024_volunteers': volunteers,
  '20261121_0025_handling': handling,
  '20261122_0026_callbacks': callbacks,
  '20261122_0027_reply_templates': replyTemplates,
  '20261122_0028_open311_tokens': open311Tokens,
  '20261122_0029_webhooks_upstream': webhooksUpstream,
  '20261122_0030_notifications': notifications,
  '20261122_0031_search_recent': searchRecent,
  '20261122_0032_idempotency': idempotency,
};
