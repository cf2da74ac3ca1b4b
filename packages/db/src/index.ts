export * from "./client";
export * from "./connection-errors";
export * from "./migrate";
export * from "./pg-array";
export * from "./rows";
export * from "./schema";
export * from "./scoped";
export * from "./session";
