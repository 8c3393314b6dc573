export interface FlatNode {
  id: string;
  parentId: string | null;
  name: string;
}

export interface TreeNode<T extends FlatNode> {
  title: string;
  value: string;
  key: string;
  item: T;
  children?: TreeNode<T>[];
}

/** Flat rows with parent ids → nested nodes for Tree and TreeSelect (orphans become roots). */
export function buildTree<T extends FlatNode>(
  rows: readonly T[],
  keep: (r: T) => boolean = () => true,
): TreeNode<T>[] {
  const kept = rows.filter(keep);
  const ids = new Set(kept.map((r) => r.id));
  const nodes = new Map<string, TreeNode<T>>();
  for (const r of kept) nodes.set(r.id, { title: r.name, value: r.id, key: r.id, item: r });
  const roots: TreeNode<T>[] = [];
  for (const r of kept) {
    const node = nodes.get(r.id);
    if (!node) continue;
    const parent = r.parentId && ids.has(r.parentId) ? nodes.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** "城乡建设 / 市政设施 / 道路破损" for a row, walking its parents. */
export function pathName<T extends FlatNode>(rows: readonly T[], id: string, sep = ' / '): string {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parts: string[] = [];
  let cur = byId.get(id);
  for (let i = 0; cur && i < 10; i++) {
    parts.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return parts.join(sep);
}
