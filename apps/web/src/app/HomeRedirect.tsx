import { Navigate } from 'react-router';
import { firstPath, menuFor } from './menu';
import { useMe } from './session';

/** `/` leads to the first page the user may open. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={firstPath(menuFor(me.data?.permissions ?? [])) ?? '/account'} replace />;
}
