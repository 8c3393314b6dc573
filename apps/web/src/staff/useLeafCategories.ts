import { useMemo } from 'react';
import { useCategories } from '../api/hooks';
import { pathName } from '../lib/tree';

/** Active leaf categories labelled with their path, for searchable selects. */
export function useLeafCategoryOptions() {
  const cats = useCategories();
  const options = useMemo(() => {
    const rows = (cats.data ?? []).filter((c) => c.active);
    const parents = new Set(rows.map((c) => c.parentId).filter(Boolean));
    return rows
      .filter((c) => !parents.has(c.id))
      .map((c) => ({ value: c.id, label: pathName(rows, c.id) }));
  }, [cats.data]);
  return { query: cats, options };
}
