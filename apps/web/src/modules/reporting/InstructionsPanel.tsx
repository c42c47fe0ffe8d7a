import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { IncidentDto } from '@vigil/shared';
import { Button, Card, Empty, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InstructionItem } from './InstructionItem';
import { IssueInstructionModal } from './IssueInstructionModal';
import { fetchIncidentInstructions, incidentInstructionsKey } from './reporting.api';

/** 领导批示 on an incident: each instruction with its targets' receipts and feedback; leaders issue new ones. */
export function InstructionsPanel({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const [issuing, setIssuing] = useState(false);
  const list = useQuery({ queryKey: incidentInstructionsKey(incident.id), queryFn: () => fetchIncidentInstructions(incident.id) });
  const items = list.data ?? [];
  return (
    <Card
      size="small"
      title={t('instructions.title')}
      style={{ marginBottom: 12 }}
      data-testid="instructions"
      extra={
        incident.abilities?.instruct && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="instruction-issue">
            {t('instructions.issue')}
          </Button>
        )
      }
    >
      {list.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instructions.none')} />
      ) : (
        items.map((i) => <InstructionItem key={i.id} instruction={i} />)
      )}
      {incident.abilities?.instruct && <IssueInstructionModal incident={incident} open={issuing} onClose={() => setIssuing(false)} />}
    </Card>
  );
}
