import type { OrgDto } from '@vigil/shared';

/** One node of the org tree, shaped for both antd `Tree` (key) and `TreeSelect` (value). */
export interface OrgTreeNode {
  key: string;
  value: string;
  title: string;
  org: OrgDto;
  children: OrgTreeNode[];
}

/**
 * Builds the org tree from the flat list `GET /orgs` returns (ordered by path). An org whose parent
 * is not in the list (the top of the user's scope) becomes a root; sibling order is kept.
 */
export function buildOrgTree(orgs: readonly OrgDto[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const org of orgs) nodes.set(org.id, { key: org.id, value: org.id, title: org.name, org, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId ? nodes.get(org.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of an org's ancestors within the list, root first (to expand the tree down to it). */
export function ancestorIds(orgs: readonly OrgDto[], id: string): string[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const out: string[] = [];
  const seen = new Set<string>();
  let cur = byId.get(id)?.parentId;
  while (cur && byId.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    out.unshift(cur);
    cur = byId.get(cur)?.parentId;
  }
  return out;
}

/**
 * Keeps the orgs whose name or code contains `q` together with their ancestors, so that a
 * filtered tree still shows where each match sits. An empty query keeps everything.
 */
export function filterOrgs(orgs: readonly OrgDto[], q: string): OrgDto[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [...orgs];
  const keep = new Set<string>();
  for (const o of orgs) {
    if (o.name.toLowerCase().includes(needle) || o.code.toLowerCase().includes(needle)) {
      keep.add(o.id);
      for (const a of ancestorIds(orgs, o.id)) keep.add(a);
    }
  }
  return orgs.filter((o) => keep.has(o.id));
}
