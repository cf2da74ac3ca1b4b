// Waymark's boundaries (ARCHITECTURE.md), checked by `npm test` through dependency-cruiser:
// each rule names a direction the layout forbids. packages/devtools/src/boundaries.test.ts
// proves every rule fails on a deliberate violation.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "packages-never-import-apps",
      comment: "Packages sit below the apps: an app composes packages, never the reverse.",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "domain-is-pure",
      comment:
        "The domain package does no I/O: no database, HTTP, Facebook, file system or network.",
      severity: "error",
      from: { path: "^packages/domain/src/", pathNot: "\\.test\\.ts$" },
      to: {
        path: [
          "^packages/(db|engine|facebook|facebook-sandbox|http)/",
          "(^|/)node_modules/(drizzle-orm|postgres|@electric-sql|hono|undici)/",
        ],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "domain-uses-no-node-io",
      comment: "The domain package does no I/O (node:fs, node:net, node:http, child processes).",
      severity: "error",
      from: { path: "^packages/domain/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"], path: "^(fs|net|http|https|child_process|dgram|tls)" },
    },
    {
      name: "web-takes-only-types-from-server",
      comment: "The web app calls the server over HTTP; from its code it takes types only.",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^apps/server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "web-never-touches-db-engine-or-facebook",
      comment: "The browser bundle holds no database, engine or Facebook client code.",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^packages/(db|engine|facebook|facebook-sandbox|http)/" },
    },
    {
      name: "routes-call-services-not-the-database",
      comment: "Routes are thin: services own every query and mutation.",
      severity: "error",
      from: { path: "^apps/server/src/routes/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^packages/db/", "(^|/)node_modules/drizzle-orm/"] },
    },
    {
      name: "no-cycles",
      comment: "A cycle makes two modules one; split what they share into a third.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    combinedDependencies: true,
  },
};
