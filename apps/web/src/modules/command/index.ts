/** Public parts of the command module for other modules (the incident detail page shows the responses panel). */
export { IncidentResponsesPanel } from './IncidentResponsesPanel';
