/** Public parts of the plans module for other modules (the incident detail page shows the match panel). */
export { PlanMatchPanel } from './PlanMatchPanel';
