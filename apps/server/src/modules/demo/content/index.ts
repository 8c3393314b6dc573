// Demo content for the demo district: plain data, a pure function of a seed. The lead engineer's
// seeding code inserts it; nothing here touches the database.
export {
  demoOrg,
  DEMO_CITY_CODE,
  DEMO_DISTRICT_CODE,
  gridKey,
  sectionKey,
  townshipKey,
  villageKey,
  type DemoJurisdiction,
  type DemoOrg,
  type DemoStaff,
  type DemoUnit,
  type GeoJsonPolygon,
  type JurisdictionKind,
  type LngLat,
  type SectionSlug,
  type Terrain,
} from './org.js';
export {
  demoCategories,
  demoTimeLimitPolicies,
  type Area,
  type DemoCategory,
  type DemoLeafRule,
  type DemoTimeLimitPolicy,
  type DispatchTarget,
  type UtilityKind,
} from './categories.js';
export { demoKnowledgeItems, type DemoKnowledgeItem } from './knowledge.js';
export {
  demoTicketDrafts,
  type DemoCallback,
  type DemoChannel,
  type DemoFeedback,
  type DemoPlannedPath,
  type DemoPlannedState,
  type DemoRequester,
  type DemoStep,
  type DemoTicketDraft,
  type DemoTicketOptions,
} from './tickets.js';
export { mulberry32, Random } from './prng.js';
