import { Button, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../lib/api-error';
import { errorText } from '../lib/notify';

interface Back {
  to: string;
  label: string;
}

/** A record page while its record loads. */
export function RecordLoading() {
  return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
}

/** A record page whose record could not be loaded: "not found" for a 404, the error otherwise. */
export function RecordError({ error, back, testId }: { error: unknown; back?: Back; testId?: string }) {
  return (
    <Result
      status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
      title={errorText(error)}
      extra={back && <BackButton {...back} />}
      data-testid={testId}
    />
  );
}

/** An edit page for a record that may no longer be edited (e.g. no longer a draft). */
export function NotEditable({ title, back }: { title: string; back: Back }) {
  return <Result status="warning" title={title} extra={<BackButton {...back} />} />;
}

function BackButton({ to, label }: Back) {
  return (
    <Link to={to}>
      <Button>{label}</Button>
    </Link>
  );
}
