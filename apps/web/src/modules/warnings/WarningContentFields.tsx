import { FileTextOutlined } from '@ant-design/icons';
import type { WarningColour } from '@vigil/shared';
import { Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coloursOf, guideOf } from './warning-format';
import { keepColour, nextInstruction, type WarningFormValues } from './warning-form';
import { applyTemplate, templatesFor } from './warning-templates';
import { useWarningTypes } from './warnings.api';
import { ColourTag } from './WarningTags';
import { WarningTypeSelect } from './WarningTypeSelect';

const required = (message: string) => [{ required: true, whitespace: true, message }];

/**
 * Type and colour (only the colours the type allows), a wording template, headline, description
 * and 防御指南: the guide of the type and colour is filled in and follows changes of either until
 * the author edits it.
 */
export function WarningContentFields({ orgName }: { orgName: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<WarningFormValues>();
  const types = useWarningTypes();
  const typeCode = Form.useWatch('typeCode', form);
  const colour = Form.useWatch('colour', form);
  const [template, setTemplate] = useState<string | null>(null);
  const allowed = coloursOf(types.data, typeCode);

  // The type and colour whose guide the instruction was last filled from (the form already holds the new value in onChange).
  const last = useRef<{ code?: string; colour?: WarningColour }>({});
  useEffect(() => {
    last.current = {
      code: form.getFieldValue('typeCode') as string | undefined,
      colour: form.getFieldValue('colour') as WarningColour | undefined,
    };
  }, [form]);

  const retarget = (code: string | undefined, next: WarningColour | undefined) => {
    const previous = guideOf(types.data, last.current.code, last.current.colour);
    const instruction = nextInstruction(form.getFieldValue('instruction') as string | undefined, previous, guideOf(types.data, code, next));
    last.current = { code, colour: next };
    form.setFieldsValue({ typeCode: code, colour: next, instruction });
  };
  const fillFromTemplate = (id: string) => {
    setTemplate(id);
    const tpl = templatesFor(typeCode).find((x) => x.id === id);
    const type = types.data?.find((x) => x.code === typeCode);
    if (!tpl || !type || !colour) return;
    const text = applyTemplate(tpl, { type, colour, org: orgName, now: new Date() });
    form.setFieldsValue({ headline: text.headline, description: text.description });
    if (form.getFieldValue('withEnglish')) form.setFieldsValue({ en: { ...(form.getFieldValue('en') as object), ...text.en } });
  };

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item name="typeCode" label={t('warnings.fields.type')} rules={required(t('common.required'))}>
            <WarningTypeSelect
              placeholder={t('warnings.typeHint')}
              onChange={(code: string) =>
                retarget(code, keepColour(form.getFieldValue('colour') as WarningColour, coloursOf(types.data, code)))
              }
              testId="warning-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="colour" label={t('warnings.fields.colourLevel')} rules={required(t('common.required'))}>
            <Select<WarningColour>
              disabled={!typeCode}
              placeholder={typeCode ? undefined : t('warnings.pickTypeFirst')}
              onChange={(c) => retarget(typeCode, c)}
              options={allowed.map((c) => ({ value: c, label: <ColourTag colour={c} level /> }))}
              data-testid="warning-colour"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('warnings.template')} extra={t('warnings.templateHint')}>
        <Select<string>
          value={template}
          disabled={!typeCode || !colour}
          placeholder={t('warnings.templatePlaceholder')}
          onChange={fillFromTemplate}
          suffixIcon={<FileTextOutlined />}
          options={templatesFor(typeCode).map((x) => ({ value: x.id, label: t(`warnings.templates.${x.id}`) }))}
          data-testid="warning-template"
        />
      </Form.Item>
      <Form.Item name="headline" label={t('warnings.fields.headline')} extra={t('warnings.headlineHint')}>
        <Input maxLength={200} showCount data-testid="warning-headline" />
      </Form.Item>
      <Form.Item name="description" label={t('warnings.fields.description')} rules={required(t('common.required'))}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="warning-description" />
      </Form.Item>
      <Form.Item
        name="instruction"
        label={
          <Space size={4}>
            {t('warnings.fields.instruction')}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('warnings.instructionHint')}
            </Typography.Text>
          </Space>
        }
      >
        <Input.TextArea rows={5} maxLength={4000} showCount data-testid="warning-instruction" />
      </Form.Item>
    </>
  );
}
