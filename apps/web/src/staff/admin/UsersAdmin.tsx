import { EmptyState } from '../../lib/states';

export default function UsersAdmin() {
  return <EmptyState />;
}
