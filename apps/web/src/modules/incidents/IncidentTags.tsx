import type { IncidentStatus } from '@vigil/shared';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { gradeColor, STATUS_COLORS } from './incident-format';

/** The grade as a coloured tag (I red … IV blue), "not graded" in grey; a pencil mark when set by hand. */
export function GradeTag(props: { grade: number | null; override?: boolean; reason?: string | null; testId?: string }) {
  const { t } = useTranslation();
  const text = props.grade ? t(`incidents.grades.g${props.grade}`) : t('incidents.ungraded');
  const tag = (
    <Tag
      color={props.grade ? gradeColor(props.grade) : undefined}
      style={props.grade === 3 ? { color: '#614700' } : undefined}
      data-testid={props.testId}
      data-grade={props.grade ?? ''}
    >
      {text}
      {props.override ? ' ✎' : ''}
    </Tag>
  );
  return props.override && props.reason ? <Tooltip title={`${t('incidents.gradeOverridden')}：${props.reason}`}>{tag}</Tooltip> : tag;
}

/** The lifecycle status as a tag. */
export function StatusTag({ status, testId }: { status: IncidentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`incidents.statuses.${status}`)}
    </Tag>
  );
}
