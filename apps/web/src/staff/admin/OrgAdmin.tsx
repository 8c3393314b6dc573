import { EmptyState } from '../../lib/states';

export default function OrgAdmin() {
  return <EmptyState />;
}
