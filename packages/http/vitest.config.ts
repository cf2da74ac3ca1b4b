import { waymarkVitestConfig } from "@waymark/devtools/vitest";

export default waymarkVitestConfig("http");
