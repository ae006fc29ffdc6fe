import type { Route } from './+types/detail';

// The project page's data, as its loader gives it: what its sections (project-*.tsx) are given.

export type ProjectPage = Route.ComponentProps['loaderData'];
export type Project = ProjectPage['project'];
