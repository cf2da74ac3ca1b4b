// The domain's formatter, the one the engine counts days with.
export { localDateTime } from "@waymark/domain";
