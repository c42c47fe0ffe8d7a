/** Public parts of the tracking module for other modules (the plot page shows the live units; the task page shares a position). */
export { FieldUnitsList } from './FieldUnitsList';
export { SharePositionButton } from './SharePositionButton';
export { FIELD_UNIT_LAYER, useFieldUnits } from './useFieldUnits';
export { FieldUnitsMapLayer } from './FieldUnitsMapLayer';
