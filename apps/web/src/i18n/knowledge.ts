// The interface strings of the knowledge base (知识库), zh-CN.
// A feature's own catalogue, loaded with the feature's pages rather than with
// every page (the resident pages stay small); an English catalogue adds a
// sibling file with the same keys and is picked here.
export const tKnowledge = {
  title: '知识库',
  add: '新增条目',
  edit: '编辑条目',
  search: '搜索标题、关键词或内容,如“低保”',
  export: '导出 Excel',
  itemTitle: '标题',
  body: '内容',
  procedure: '办理流程',
  policyBasis: '政策依据',
  phone: '咨询电话',
  staff: '责任单位与人员',
  keywords: '关键词',
  keywordsHelp: '用空格分隔,如:低保 救助 困难家庭',
  category: '分类',
  noCategory: '不限分类',
  useCount: '使用次数',
  updatedAt: '更新时间',
  empty: '没有知识库条目',
  deleteOf: '删除“{title}”?已引用该条目的答复记录会保留条目标题。',
};
