import type { createApiRoutes } from "./app";

/** The type of the browser app's API (mounted at /api), for `hc<AppType>` in the web app. */
export type AppType = ReturnType<typeof createApiRoutes>;
