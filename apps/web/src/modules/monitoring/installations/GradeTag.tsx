import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLOR: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };

/** 一级 … 四级, or 未构成 when S < 1. */
export function GradeTag({ grade }: { grade: number | null }) {
  const { t } = useTranslation();
  if (grade === null) return <Tag data-testid="grade-tag">{t('installations.notMajor')}</Tag>;
  return (
    <Tag color={COLOR[grade]} data-testid="grade-tag">
      {t(`installations.grades.${grade}`)}
    </Tag>
  );
}
