import { Button, Form, Space, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The inline filter form above a list: its fields, then 查询 (search with the fields) and 重置
 * (fields back to `initial`, and a search with it). `testId` names the form `{testId}-filters` and
 * the search button `{testId}-search`. Pass `form` when the fields need the form themselves.
 */
export function FilterForm<V extends object>(props: {
  testId: string;
  onSearch: (v: V) => void;
  initial?: V | undefined;
  form?: FormInstance<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  return (
    <Form<V>
      form={form}
      layout="inline"
      initialValues={props.initial}
      onFinish={props.onSearch}
      style={{ rowGap: 8, marginBottom: 12 }}
      data-testid={`${props.testId}-filters`}
    >
      {props.children}
      <Space>
        <Button type="primary" htmlType="submit" data-testid={`${props.testId}-search`}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            props.onSearch(props.initial ?? ({} as V));
          }}
          data-testid={`${props.testId}-reset`}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
