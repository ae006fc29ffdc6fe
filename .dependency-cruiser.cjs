// The layering rules of docs/architecture.md, checked by `npm run lint`:
// routes → features → core → db, with no circles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (directly or round a loop) cannot be read apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-is-the-base',
      severity: 'error',
      comment:
        'db/ is the base layer: schema, connection, migrations, seed. It imports nothing of app/.',
      from: { path: '^db/' },
      to: { path: '^app/' },
    },
    {
      name: 'core-knows-no-feature',
      severity: 'error',
      comment: 'app/core/ is what every feature uses and no feature owns: it imports no feature.',
      // A test of the core may go through a feature's queries: it tests what users get.
      from: { path: '^app/core/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^app/features/' },
    },
    {
      name: 'nothing-imports-the-root',
      severity: 'error',
      comment:
        'app/root.tsx and the entries sit on top; features and core read the root data through core/ui/root-data.',
      from: { path: '^app/(core|features)/' },
      to: { path: '^app/(root|entry\\.server|entry\\.client|routes)\\.tsx?$' },
    },
    {
      name: 'scripts-are-entry-points',
      severity: 'error',
      comment: 'Nothing in app/ or db/ imports a command-line script (tests may use its helpers).',
      from: { path: '^(app|db)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^scripts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|\\.react-router|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
