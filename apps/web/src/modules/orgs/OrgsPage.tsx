import { PlusOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS } from '@vigil/shared';
import { Button, Card, Col, Empty, Input, Row, Spin, Tag, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { pick } from '../../lib/i18n';
import { PageHeader } from '../../ui/PageHeader';
import { OrgCreateModal } from './OrgCreateModal';
import { OrgDetail } from './OrgDetail';
import { ancestorIds, buildOrgTree, filterOrgs, type OrgTreeNode } from './org-tree';
import { useOrgs } from './orgs.api';

/** 组织机构: the org tree of the user's scope, with details, edit, disable and new child orgs. */
export default function OrgsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const orgs = useOrgs();
  const [q, setQ] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const manage = can(me.data, 'org.manage');
  const all = useMemo(() => orgs.data ?? [], [orgs.data]);
  const visible = useMemo(() => filterOrgs(all, q), [all, q]);
  const tree = useMemo(() => buildOrgTree(visible), [visible]);
  const selected = all.find((o) => o.id === selectedId) ?? null;
  const defaultExpanded = useMemo(() => all.filter((o) => o.depth <= (all[0]?.depth ?? 0) + 1).map((o) => o.id), [all]);
  const expandedKeys = q ? visible.map((o) => o.id) : (expanded ?? defaultExpanded);

  const select = (id: string) => {
    setSelectedId(id);
    setExpanded([...new Set([...expandedKeys, ...ancestorIds(all, id)])]);
  };

  return (
    <div data-testid="orgs-page">
      <PageHeader
        title={t('orgs.title')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!selected}
              onClick={() => setCreating(true)}
              data-testid="org-add-child"
            >
              {t('orgs.addChild')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={10} xl={8}>
          <Card size="small">
            <Input.Search allowClear placeholder={t('orgs.search')} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
            {orgs.isPending ? (
              <Spin />
            ) : (
              <Tree<OrgTreeNode>
                treeData={tree}
                selectedKeys={selectedId ? [selectedId] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => keys[0] && select(String(keys[0]))}
                titleRender={(n) => (
                  <span data-testid="org-node">
                    {n.org.name}
                    <Tag style={{ marginLeft: 6 }}>{pick(ORG_KIND_LABELS[n.org.kind])}</Tag>
                    {n.org.status === 'disabled' && <Tag color="red">{t('common.disabled')}</Tag>}
                  </span>
                )}
                style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          <Card size="small">
            {selected ? <OrgDetail key={selected.id} org={selected} manage={manage} /> : <Empty description={t('orgs.selectHint')} />}
          </Card>
        </Col>
      </Row>
      {selected && <OrgCreateModal open={creating} parent={selected} onClose={() => setCreating(false)} onCreated={(o) => select(o.id)} />}
    </div>
  );
}
