import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { DutyBoardEntryDto } from '@vigil/shared';
import { Badge, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { DUTY_KEY, fetchBoard } from './duty.api';
import { MyShiftBar } from './MyShiftBar';

type BoardPerson = NonNullable<DutyBoardEntryDto['leader']>;

function Person({ p, leader }: { p: BoardPerson; leader?: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="board-person" data-signed-in={p.signedIn ? 'true' : 'false'}>
      <Space size={6} wrap>
        <Badge status={p.signedIn ? 'success' : 'default'} />
        <UserOutlined />
        <Typography.Text strong={leader}>{p.name}</Typography.Text>
        {leader && <Tag color="blue">{t('duty.roles.leader')}</Tag>}
        {p.phone && (
          <Typography.Text copyable={!p.phoneMasked ? { text: p.phone } : false}>
            <PhoneOutlined /> {p.phone}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.signedIn ? t('duty.onPost') : t('duty.notSignedIn')}
        </Typography.Text>
      </Space>
    </div>
  );
}

/** 值班一览: who is on duty now in every org of my subtree, with phones; refreshed every minute and on duty events. */
export function OnDutyBoard() {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: [...DUTY_KEY, 'board'], queryFn: () => fetchBoard(), refetchInterval: 60_000 });
  const items = board.data?.items ?? [];
  return (
    <div data-testid="duty-board">
      <MyShiftBar />
      {board.data && (
        <Typography.Paragraph type="secondary">
          {t('duty.boardAt', { at: formatBeijing(board.data.at) })} {board.isFetching && <Spin size="small" />}
        </Typography.Paragraph>
      )}
      {board.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((e) => (
            <Col key={e.orgId} xs={24} md={12} xxl={8}>
              <Card
                size="small"
                title={e.orgName}
                data-testid="board-card"
                data-org={e.orgId}
                extra={
                  e.shiftId && e.kind ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`duty.kinds.${e.kind}`)} {formatBeijing(e.startsAt, false).slice(11)}–{formatBeijing(e.endsAt, false).slice(11)}
                    </Typography.Text>
                  ) : (
                    <Tag color="red">{t('duty.noShift')}</Tag>
                  )
                }
              >
                {e.leader && <Person p={e.leader} leader />}
                {e.officers.map((p) => (
                  <Person key={p.id} p={p} />
                ))}
                {!e.leader && e.officers.length === 0 && <Typography.Text type="secondary">{t('duty.nobody')}</Typography.Text>}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
