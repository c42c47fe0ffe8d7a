import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { typeLabel } from './warning-format';
import { useWarningTypes } from './warnings.api';

/** Select of the warning types (11B… codes), searchable by code and name; an antd form control. */
export function WarningTypeSelect(props: Omit<SelectProps<string>, 'options'> & { testId?: string }) {
  const { i18n } = useTranslation();
  const types = useWarningTypes();
  const { testId, ...rest } = props;
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={types.isPending}
      options={(types.data ?? []).map((t) => ({ value: t.code, label: typeLabel(t, i18n.language) }))}
      data-testid={testId}
      {...rest}
    />
  );
}
