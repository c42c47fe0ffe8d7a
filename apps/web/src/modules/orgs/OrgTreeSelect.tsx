import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOrgTree } from './org-tree';
import { useOrgs } from './orgs.api';

/** Picks one org from the user's scope (a searchable tree); works as an antd form control. */
export function OrgTreeSelect(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const orgs = useOrgs();
  const tree = useMemo(() => buildOrgTree(orgs.data ?? []), [orgs.data]);
  return (
    <TreeSelect
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      treeData={tree}
      loading={orgs.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('orgs.pick')}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={props.style ?? { width: '100%' }}
      data-testid={props.testId}
    />
  );
}
