import { Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** A person the roster form can link (a user seen on other shifts or in the user list). */
export interface KnownPerson {
  userId: string;
  name: string;
  phone: string | null;
}

/** One person of a shift: an optional linked user (needed to sign in and be notified), a name and a phone. */
export function PersonFields(props: {
  /** The field path inside the enclosing Form.List (or the form). */
  name: (string | number)[];
  /** The same field's full path in the form, to fill name and phone when a user is picked. */
  fullName: (string | number)[];
  people: KnownPerson[];
  testId: string;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const base = props.name;
  const full = props.fullName;
  const pick = (userId: string | undefined) => {
    const p = props.people.find((x) => x.userId === userId);
    if (!p) return;
    form.setFieldValue([...full, 'name'], p.name);
    if (p.phone && !p.phone.includes('*')) form.setFieldValue([...full, 'phone'], p.phone);
  };
  return (
    <Space.Compact style={{ width: '100%' }} data-testid={props.testId}>
      <Form.Item name={[...base, 'userId']} noStyle>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('duty.linkUser')}
          options={props.people.map((p) => ({ value: p.userId, label: p.name }))}
          onChange={pick}
          style={{ width: '34%' }}
        />
      </Form.Item>
      <Form.Item name={[...base, 'name']} noStyle>
        <Input placeholder={t('duty.personName')} maxLength={40} style={{ width: '30%' }} />
      </Form.Item>
      <Form.Item name={[...base, 'phone']} noStyle>
        <Input placeholder={t('duty.phone')} maxLength={20} style={{ width: '36%' }} />
      </Form.Item>
    </Space.Compact>
  );
}
