// [Handling] reply templates (答复口径) and handover within the unit (转交).
// A template belongs to a unit (or, without one, to the whole district, kept by the
// dispatch centre and the administrator), optionally to one category; its body has
// placeholders in braces, e.g. {工单号}, which are filled in per ticket. The renderer
// is here so the server and the web's live preview fill them the same way.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';

/** The placeholders a body may use; anything else in braces is refused when saved. */
export const REPLY_PLACEHOLDERS = [
  '工单号',
  '受理时间',
  '地址',
  '诉求类别',
  '承办单位',
  '今天',
  '诉求人',
] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** What stands in the place of the requester's name where the actor does not see it. */
export const REQUESTER_STAND_IN = '市民';

/** `{…}`: braces around 1–20 characters that are neither braces nor line breaks. */
const PLACEHOLDER = /\{([^{}\r\n]{1,20})\}/g;

const isKnown = (name: string): name is ReplyPlaceholder =>
  (REPLY_PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders in a body that are not known, each once, in order of appearance. */
export function unknownPlaceholders(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (!isKnown(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Fills the known placeholders in one pass (a value that itself looks like a
 * placeholder is not filled again); text outside them, and unknown ones, stay as they are.
 */
export function renderReplyTemplate(
  body: string,
  values: Readonly<Record<ReplyPlaceholder, string>>,
): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => (isKnown(name) ? values[name] : whole));
}

export const REPLY_TEMPLATE_SORTS = ['-updatedAt', 'updatedAt', 'title'] as const;

export const ReplyTemplateView = Type.Object({
  id: Uuid,
  /** The keeping unit; null: district-wide (kept by the dispatch centre). */
  unit: Nullable(Ref),
  /** The category it is for (and the categories below it); null: any. */
  category: Nullable(Ref),
  title: Type.String(),
  body: Type.String({ description: '正文,可含占位符,如 {工单号}' }),
  active: Type.Boolean(),
  createdBy: Nullable(Ref),
  updatedAt: DateTime,
  canEdit: Type.Boolean({ description: '当前用户能否修改、停用' }),
});
export type ReplyTemplateView = Static<typeof ReplyTemplateView>;

export const ReplyTemplateList = Page(ReplyTemplateView);
export type ReplyTemplateList = Static<typeof ReplyTemplateList>;

export const ReplyTemplateQuery = Type.Object(
  {
    ...PageQuery,
    unitId: Type.Optional(Uuid),
    districtWide: Type.Optional(Type.Boolean({ description: '只看全区通用的' })),
    categoryId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 50, description: '标题或正文包含' })),
    includeInactive: Type.Optional(Type.Boolean({ description: '含已停用的' })),
    sort: Type.Optional(literalUnion(REPLY_TEMPLATE_SORTS)),
  },
  { additionalProperties: false },
);
export type ReplyTemplateQuery = Static<typeof ReplyTemplateQuery>;

export const ReplyTemplateBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    body: Type.String({ minLength: 2, maxLength: 4000 }),
    /** The keeping unit; null: district-wide (admin, dispatchers); absent: the actor's unit. */
    unitId: Type.Optional(Nullable(Uuid)),
    categoryId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type ReplyTemplateBody = Static<typeof ReplyTemplateBody>;

export const ReplyTemplatePatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    body: Type.Optional(Type.String({ minLength: 2, maxLength: 4000 })),
    categoryId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReplyTemplatePatch = Static<typeof ReplyTemplatePatch>;

export const ApplicableReplyTemplate = Type.Composite([
  ReplyTemplateView,
  Type.Object({ rendered: Type.String({ description: '按此工单填好占位符的正文' }) }),
]);
export type ApplicableReplyTemplate = Static<typeof ApplicableReplyTemplate>;

export const ApplicableReplyTemplates = Type.Object({
  items: Type.Array(ApplicableReplyTemplate, {
    description: '本单位和全区通用的口径,适用于工单类别或其上级类别或不限类别,越具体越靠前',
  }),
});
export type ApplicableReplyTemplates = Static<typeof ApplicableReplyTemplates>;

export const HANDOVER_KINDS = ['colleague', 'grid_worker'] as const;

export const HandoverCandidates = Type.Object({
  /** The holding unit, where the actor may hand over. */
  unit: Nullable(Ref),
  assignee: Nullable(Ref),
  users: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), unit: Ref, kind: literalUnion(HANDOVER_KINDS) }),
  ),
});
export type HandoverCandidates = Static<typeof HandoverCandidates>;
