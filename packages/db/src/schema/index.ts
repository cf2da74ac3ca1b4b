export * from "./accounts";
export * from "./contacts";
export * from "./messenger";
export * from "./programs";
