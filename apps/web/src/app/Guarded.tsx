import type { Permission } from '@vigil/shared';
import { Spin } from 'antd';
import { Suspense, type ComponentType } from 'react';
import { Forbidden } from '../ui/Errors';
import { can, useMe } from './session';

/** A full-area spinner while a page's code or data loads. */
export function PageSpinner() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

/** Renders a lazily loaded page, or a 403 page when the user lacks its permission. */
export function Guarded(props: { component: ComponentType; permission?: Permission; public?: boolean }) {
  const me = useMe();
  if (!props.public && props.permission && !can(me.data, props.permission)) return <Forbidden />;
  const Component = props.component;
  return (
    <Suspense fallback={<PageSpinner />}>
      <Component />
    </Suspense>
  );
}
