export * from "./accounts";
export * from "./contacts";
export * from "./engine";
export * from "./messenger";
export * from "./programs";
export * from "./dry-runs";
