import { pgSchema } from "drizzle-orm/pg-core";

/** The PostgreSQL schema that holds every sandbox table, apart from Waymark's own. */
export const fbSandbox = pgSchema("fb_sandbox");
