export * from "./accounts";
export * from "./auth";
export * from "./fb-sandbox-schema";
export * from "./messages";
export * from "./people";
