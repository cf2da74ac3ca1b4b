export * from "./accounts";
export * from "./contacts";
export * from "./dry-runs";
export * from "./engine";
export * from "./messenger";
export * from "./programs";
