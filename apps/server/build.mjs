// Bundles the server with the workspace's TypeScript packages inlined; npm dependencies stay
// external and load from node_modules at run time.
import { build } from "esbuild";

const workspacePackage = /^@waymark\//;

await build({
  entryPoints: {
    main: "src/main.ts",
    worker: "src/worker.ts",
    "reset-password": "src/reset-password.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "externalise-npm-dependencies",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === "entry-point"
            ? undefined
            : workspacePackage.test(args.path)
              ? undefined
              : { path: args.path, external: true },
        );
      },
    },
  ],
});
