import type { OrgDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ancestorIds, buildOrgTree, filterOrgs, type OrgTreeNode } from './org-tree';

let n = 0;
function org(id: string, parentId: string | null, name: string, code = id): OrgDto {
  n += 1;
  return { id, parentId, name, code, kind: 'department', divisionCode: null, divisionName: null, status: 'active', path: id, depth: n };
}

// As GET /orgs returns them: ordered by path.
const ORGS = [
  org('qz', 'fj', '泉州市应急管理局'),
  org('qz_center', 'qz', '市应急指挥中心'),
  org('qz_jinjiang', 'qz', '晋江市应急管理局'),
  org('qz_jinjiang_anhai', 'qz_jinjiang', '安海镇'),
  org('qz_fengze', 'qz', '丰泽区应急管理局'),
];

const shape = (nodes: OrgTreeNode[]): unknown => nodes.map((x) => (x.children.length ? { [x.key]: shape(x.children) } : x.key));

describe('org tree', () => {
  it('nests orgs under their parents, keeping the server order', () => {
    expect(shape(buildOrgTree(ORGS))).toEqual([{ qz: ['qz_center', { qz_jinjiang: ['qz_jinjiang_anhai'] }, 'qz_fengze'] }]);
  });

  it('makes the top of the user scope a root even though its parent is not listed', () => {
    const roots = buildOrgTree(ORGS.slice(2));
    expect(roots.map((r) => r.key)).toEqual(['qz_jinjiang', 'qz_fengze']);
    expect(roots[0]!.value).toBe('qz_jinjiang');
    expect(roots[0]!.title).toBe('晋江市应急管理局');
  });

  it('lists ancestors root first', () => {
    expect(ancestorIds(ORGS, 'qz_jinjiang_anhai')).toEqual(['qz', 'qz_jinjiang']);
    expect(ancestorIds(ORGS, 'qz')).toEqual([]);
  });

  it('filters by name or code and keeps the path to each match', () => {
    expect(filterOrgs(ORGS, '安海').map((o) => o.id)).toEqual(['qz', 'qz_jinjiang', 'qz_jinjiang_anhai']);
    expect(filterOrgs(ORGS, 'FENGZE').map((o) => o.id)).toEqual(['qz', 'qz_fengze']);
    expect(filterOrgs(ORGS, '  ')).toHaveLength(5);
    expect(filterOrgs(ORGS, '厦门')).toEqual([]);
  });

  it('stops walking up at a cycle in bad data instead of hanging', () => {
    const a = org('a', 'b', 'A');
    const b = org('b', 'a', 'B');
    expect(ancestorIds([a, b], 'a')).toEqual(['a', 'b']);
  });
});
