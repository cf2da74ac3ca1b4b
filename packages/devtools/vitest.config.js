import { waymarkVitestConfig } from "./src/vitest-config.js";

export default waymarkVitestConfig("devtools");
