// The knowledge base / service catalogue (五公开): what an item says, how the
// matter is handled, on which policy, whom to call and who is responsible.
// Agents search it in Chinese and answer consultations from it.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Uuid } from './common.js';

export const KnowledgeItemView = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String({ description: '办事内容/答复口径' }),
  procedure: Type.String({ description: '办理流程' }),
  policyBasis: Type.String({ description: '政策依据' }),
  phone: Type.String({ description: '咨询电话' }),
  staff: Type.String({ description: '责任单位与人员' }),
  keywords: Type.String({ description: '检索关键词,空格或顿号分隔' }),
  categoryId: Nullable(Uuid),
  categoryName: Nullable(Type.String()),
  active: Type.Boolean(),
  useCount: Type.Integer({ description: '用于直接答复的次数' }),
  updatedAt: DateTime,
});
export type KnowledgeItemView = Static<typeof KnowledgeItemView>;

export const KnowledgeItemBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    body: Type.String({ minLength: 2, maxLength: 4000 }),
    procedure: Type.Optional(Type.String({ maxLength: 4000 })),
    policyBasis: Type.Optional(Type.String({ maxLength: 2000 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    staff: Type.Optional(Type.String({ maxLength: 200 })),
    keywords: Type.Optional(Type.String({ maxLength: 200 })),
    categoryId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type KnowledgeItemBody = Static<typeof KnowledgeItemBody>;

export const KnowledgeQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: '中文检索词,按词切分后匹配' })),
    all: Type.Optional(Type.Boolean({ description: '含已停用的条目(仅系统管理员)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
export type KnowledgeQuery = Static<typeof KnowledgeQuery>;
