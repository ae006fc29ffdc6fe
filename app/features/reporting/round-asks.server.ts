// What other features ask of the reporting rounds (the sign-in's first page).
export { hasReportsAskedOf } from './rounds.server';
