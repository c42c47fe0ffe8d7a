import { PERMISSIONS, isPermission } from '@vigil/shared';
import { Checkbox, Col, Row, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../lib/i18n';
import { groupPermissions, groupState, toggleGroup } from './permission-groups';

/** A permission checklist grouped by domain, with a select-all box per group; an antd form control. */
export function PermissionChecklist(props: { value?: string[]; onChange?: (v: string[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupPermissions(), []);
  const value = props.value ?? [];
  const set = (v: string[]) => props.onChange?.(v);

  return (
    <div data-testid="permission-checklist">
      {groups.map((g) => {
        const state = groupState(g, value);
        return (
          <div key={g.domain} style={{ marginBottom: 12 }}>
            <Checkbox
              checked={state === 'all'}
              indeterminate={state === 'some'}
              disabled={props.disabled}
              onChange={(e) => set(toggleGroup(g, value, e.target.checked))}
            >
              <Typography.Text strong>{t(`domains.${g.domain}`, { defaultValue: g.domain })}</Typography.Text>
            </Checkbox>
            <Row style={{ paddingLeft: 24, marginTop: 4 }}>
              {g.permissions.map((p) => (
                <Col key={p} xs={24} sm={12}>
                  <Tooltip title={p} placement="left">
                    <Checkbox
                      checked={value.includes(p)}
                      disabled={props.disabled}
                      onChange={(e) => set(e.target.checked ? [...value, p] : value.filter((x) => x !== p))}
                    >
                      {isPermission(p) ? pick(PERMISSIONS[p]) : p}
                    </Checkbox>
                  </Tooltip>
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
    </div>
  );
}
