// The engine's name for the domain's formatter, so the day a message counts on is the statistics' day.
export { localDay } from "@waymark/domain";
