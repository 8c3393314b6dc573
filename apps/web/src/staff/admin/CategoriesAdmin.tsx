import { EmptyState } from '../../lib/states';

export default function CategoriesAdmin() {
  return <EmptyState />;
}
