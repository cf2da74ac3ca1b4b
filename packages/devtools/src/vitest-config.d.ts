import type { UserConfig, ViteUserConfig } from "vitest/config";

export declare function waymarkVitestConfig(
  packageName: string,
  overrides?: ViteUserConfig["test"],
): UserConfig;
