/** Public parts of the consult module for other modules (the incident detail page shows the room). */
export { ConsultPanel } from './ConsultPanel';
