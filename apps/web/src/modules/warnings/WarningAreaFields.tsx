import type { WarningColour } from '@vigil/shared';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { QUANZHOU_CODE, useCounties } from '../incidents/incidents.api';
import { isNothingDrawn, type DrawnArea } from './warning-area';
import { colourHex } from './warning-format';
import type { WarningFormValues } from './warning-form';
import { WarningAreaMap } from './WarningAreaMap';

/** The map as a form control (value = what is drawn). */
function DrawnAreaInput(props: {
  value?: DrawnArea | null;
  onChange?: (v: DrawnArea | null) => void;
  colour: string;
  divisionCodes: string[];
}) {
  return (
    <WarningAreaMap drawn={props.value} onChange={(v) => props.onChange?.(v)} colour={props.colour} divisionCodes={props.divisionCodes} />
  );
}

/** Where the warning applies: Quanzhou's counties (or the whole city) and/or a polygon or circle drawn on the map. */
export function WarningAreaFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<WarningFormValues>();
  const counties = useCounties();
  const divisionCodes = Form.useWatch('divisionCodes', form) ?? [];
  const colour = Form.useWatch('colour', form) as WarningColour | undefined;
  const options = [
    { value: QUANZHOU_CODE, label: t('warnings.wholeCity') },
    ...(counties.data ?? []).map((c) => ({ value: c.code, label: c.name })),
  ];
  return (
    <>
      <Form.Item
        name="divisionCodes"
        label={t('warnings.fields.divisions')}
        dependencies={['drawn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string[] | undefined) =>
              v?.length || !isNothingDrawn(getFieldValue('drawn') as DrawnArea | null)
                ? Promise.resolve()
                : Promise.reject(new Error(t('warnings.areaRequired'))),
          }),
        ]}
      >
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={counties.isPending}
          placeholder={t('warnings.divisionsHint')}
          options={options}
          data-testid="warning-divisions"
        />
      </Form.Item>
      <Form.Item name="drawn" label={t('warnings.fields.drawn')} extra={t('warnings.map.hint')}>
        <DrawnAreaInput colour={colourHex(colour)} divisionCodes={divisionCodes} />
      </Form.Item>
      <Form.Item name="areaDescription" label={t('warnings.fields.areaDescription')} extra={t('warnings.areaDescriptionHint')}>
        <Input maxLength={200} data-testid="warning-area-description" />
      </Form.Item>
    </>
  );
}
