import { EmptyState } from '../../lib/states';

export default function PoliciesAdmin() {
  return <EmptyState />;
}
