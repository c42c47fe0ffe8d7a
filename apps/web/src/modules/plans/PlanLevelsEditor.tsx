import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PLAN_CONDITION_KINDS, RESPONSE_LEVELS, WARNING_COLOURS, type PlanConditionKind } from '@vigil/shared';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography, type FormListFieldData } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { EventCodesSelect } from './EventCodesSelect';
import { emptyLevel, nextFreeLevel, parseResources, type LevelValues, type PlanFormValues } from './plan-form';

const COUNT_KINDS: readonly PlanConditionKind[] = ['dead', 'injured', 'missing', 'evacuated'];
const CODE = /^[1-9]\d[0-9A-Z]\d{2}$/;

/** The threshold control of one condition row, which depends on the row's kind. */
function Threshold({ levelName, field }: { levelName: number; field: FormListFieldData }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PlanFormValues>();
  const path: ['levels', number, 'conditions', number, 'kind'] = ['levels', levelName, 'conditions', field.name, 'kind'];
  // useWatch is undefined on the first render: read the store then, so a stored colour never meets a number box.
  const watched = Form.useWatch(path, form) as PlanConditionKind | undefined;
  const kind = watched ?? (form.getFieldValue(path) as PlanConditionKind | undefined);
  const required: Rule = { required: true, message: t('plans.rules.threshold') };
  if (kind === 'eventCode')
    return (
      <Form.Item
        name={[field.name, 'codes']}
        style={{ marginBottom: 0, flex: 1 }}
        rules={[
          { required: true, type: 'array', min: 1, message: t('plans.rules.codes') },
          {
            validator: (_, v: string[] | undefined) =>
              (v ?? []).every((c) => CODE.test(c.trim().toUpperCase()))
                ? Promise.resolve()
                : Promise.reject(new Error(t('plans.rules.codeFormat'))),
          },
        ]}
      >
        <EventCodesSelect placeholder={t('plans.levelsEditor.codesHint')} testId="plan-condition-codes" />
      </Form.Item>
    );
  if (kind === 'incidentGrade')
    return (
      <Form.Item name={[field.name, 'min']} style={{ marginBottom: 0, flex: 1 }} rules={[required]}>
        <Select
          options={RESPONSE_LEVELS.map((l) => ({ value: l, label: `≥ ${t(`plans.grades.${l}`)}` }))}
          placeholder={t('plans.levelsEditor.threshold')}
          data-testid="plan-condition-grade"
        />
      </Form.Item>
    );
  if (kind === 'warningColour')
    return (
      <Form.Item name={[field.name, 'min']} style={{ marginBottom: 0, flex: 1 }} rules={[required]}>
        <Select
          options={WARNING_COLOURS.map((c) => ({ value: c, label: t(`plans.colours.${c}`) }))}
          placeholder={t('plans.levelsEditor.threshold')}
          data-testid="plan-condition-colour"
        />
      </Form.Item>
    );
  return (
    <Form.Item
      name={[field.name, 'min']}
      style={{ marginBottom: 0, flex: 1 }}
      rules={[required, { type: 'integer', min: 1, max: 100_000_000, message: t('plans.rules.count') }]}
    >
      <InputNumber
        min={1}
        precision={0}
        prefix="≥"
        suffix={kind && COUNT_KINDS.includes(kind) ? t('plans.people') : undefined}
        style={{ width: '100%' }}
        data-testid="plan-condition-count"
      />
    </Form.Item>
  );
}

/** The start conditions of one level: mode any/all and rows of kind + threshold. */
function ConditionsEditor({ levelName }: { levelName: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PlanFormValues>();
  return (
    <Form.List
      name={[levelName, 'conditions']}
      rules={[
        {
          validator: async (_, rows?: unknown[]) => {
            if (!rows?.length) throw new Error(t('plans.rules.conditions'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {fields.map((f) => (
            <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="plan-condition-row">
              <Form.Item
                name={[f.name, 'kind']}
                style={{ marginBottom: 0, width: 160 }}
                rules={[{ required: true, message: t('plans.rules.kind') }]}
              >
                <Select
                  options={PLAN_CONDITION_KINDS.map((k) => ({ value: k, label: t(`plans.conditionKinds.${k}`) }))}
                  onChange={() => {
                    form.setFieldValue(['levels', levelName, 'conditions', f.name, 'min'], undefined);
                    form.setFieldValue(['levels', levelName, 'conditions', f.name, 'codes'], undefined);
                  }}
                  data-testid="plan-condition-kind"
                />
              </Form.Item>
              <Threshold levelName={levelName} field={f} />
              <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'dead' })} data-testid="plan-condition-add">
            {t('plans.levelsEditor.addCondition')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Space>
      )}
    </Form.List>
  );
}

/** The task templates of one level as an editable table. */
function TasksEditor({ levelName }: { levelName: number }) {
  const { t } = useTranslation();
  const item = { style: { marginBottom: 0 } };
  return (
    <Form.List name={[levelName, 'tasks']}>
      {(fields, { add, remove }) => (
        <>
          <Table<FormListFieldData>
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 1200 }}
            locale={{ emptyText: t('plans.noTasks') }}
            data-testid="plan-task-table"
            columns={[
              {
                title: t('plans.levelsEditor.taskTitle'),
                key: 'title',
                width: 180,
                render: (_, f) => (
                  <Form.Item
                    {...item}
                    name={[f.name, 'title']}
                    rules={[{ required: true, whitespace: true, message: t('plans.rules.taskTitle') }]}
                  >
                    <Input maxLength={200} data-testid="plan-task-title" />
                  </Form.Item>
                ),
              },
              {
                title: t('plans.levelsEditor.responsibleOrg'),
                key: 'org',
                width: 180,
                render: (_, f) => (
                  <Form.Item {...item} name={[f.name, 'responsibleOrgId']}>
                    <OrgTreeSelect allowClear />
                  </Form.Item>
                ),
              },
              {
                title: t('plans.levelsEditor.responsibleRole'),
                key: 'role',
                width: 150,
                render: (_, f) => (
                  <Form.Item {...item} name={[f.name, 'responsibleRole']}>
                    <Input maxLength={100} data-testid="plan-task-role" />
                  </Form.Item>
                ),
              },
              {
                title: t('plans.levelsEditor.action'),
                key: 'action',
                width: 260,
                render: (_, f) => (
                  <Form.Item
                    {...item}
                    name={[f.name, 'action']}
                    rules={[{ required: true, whitespace: true, message: t('plans.rules.action') }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="plan-task-action" />
                  </Form.Item>
                ),
              },
              {
                title: t('plans.levelsEditor.deadline'),
                key: 'deadline',
                width: 110,
                render: (_, f) => (
                  <Form.Item
                    {...item}
                    name={[f.name, 'deadlineMinutes']}
                    rules={[{ required: true, type: 'integer', min: 0, max: 43_200, message: t('plans.rules.deadline') }]}
                  >
                    <InputNumber min={0} max={43_200} precision={0} style={{ width: '100%' }} data-testid="plan-task-deadline" />
                  </Form.Item>
                ),
              },
              {
                title: t('plans.levelsEditor.resources'),
                key: 'resources',
                width: 240,
                render: (_, f) => (
                  <Form.Item
                    {...item}
                    name={[f.name, 'resources']}
                    rules={[
                      {
                        validator: async (_r, v: string | undefined) => {
                          const parsed = parseResources(v);
                          if (!parsed.ok) throw new Error(parsed.error);
                        },
                      },
                    ]}
                  >
                    <Input placeholder={t('plans.levelsEditor.resourcesHint')} data-testid="plan-task-resources" />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'remove',
                width: 50,
                fixed: 'right',
                render: (_, f) => <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />,
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ deadlineMinutes: 60, resources: '' })}
            style={{ marginTop: 8 }}
            data-testid="plan-task-add"
          >
            {t('plans.levelsEditor.addTask')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0, fontSize: 12 }}>
            {t('plans.levelsEditor.resourcesHint')}
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}

/** The response levels I–IV of the editor: each a card with its start conditions, note and tasks. */
export function PlanLevelsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PlanFormValues>();
  const levels = Form.useWatch('levels', form) as LevelValues[] | undefined;
  const free = nextFreeLevel(levels);
  return (
    <Form.List name="levels">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {fields.map((f) => (
            <Card
              key={f.key}
              size="small"
              type="inner"
              data-testid="plan-level-card"
              title={
                <Space wrap>
                  <Form.Item
                    name={[f.name, 'level']}
                    style={{ marginBottom: 0 }}
                    rules={[
                      { required: true, message: t('plans.levelsEditor.level') },
                      {
                        validator: async (_, v) => {
                          const all = (form.getFieldValue('levels') as LevelValues[] | undefined) ?? [];
                          if (v && all.filter((l) => l?.level === v).length > 1) throw new Error(t('plans.rules.levelDup'));
                        },
                      },
                    ]}
                  >
                    <Select
                      options={RESPONSE_LEVELS.map((l) => ({ value: l, label: t(`plans.responseLevels.${l}`) }))}
                      style={{ width: 140 }}
                      data-testid="plan-level-select"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'mode']} style={{ marginBottom: 0 }}>
                    <Radio.Group
                      optionType="button"
                      size="small"
                      options={(['any', 'all'] as const).map((m) => ({ value: m, label: t(`plans.modes.${m}`) }))}
                    />
                  </Form.Item>
                </Space>
              }
              extra={
                <Button danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} data-testid="plan-level-remove">
                  {t('plans.levelsEditor.remove')}
                </Button>
              }
            >
              <Row gutter={16}>
                <Col xs={24} xl={14}>
                  <Typography.Text strong>{t('plans.levelsEditor.conditions')}</Typography.Text>
                  <div style={{ marginTop: 8 }}>
                    <ConditionsEditor levelName={f.name} />
                  </div>
                </Col>
                <Col xs={24} xl={10}>
                  <Form.Item name={[f.name, 'note']} label={t('plans.levelsEditor.note')}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid="plan-level-note" />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text strong>{t('plans.levelsEditor.tasks')}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <TasksEditor levelName={f.name} />
              </div>
            </Card>
          ))}
          {free ? (
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(emptyLevel(free))} data-testid="plan-level-add">
              {t('plans.levelsEditor.add')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('plans.levelsEditor.allFour')}</Typography.Text>
          )}
        </Space>
      )}
    </Form.List>
  );
}
