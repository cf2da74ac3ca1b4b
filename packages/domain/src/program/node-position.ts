import { z } from "zod";
import { PROGRAM_LIMITS } from "./program-limits";

const coordinate = z
  .number()
  .min(-PROGRAM_LIMITS.maxCoordinate, "The node is too far off the canvas")
  .max(PROGRAM_LIMITS.maxCoordinate, "The node is too far off the canvas");

/** Zod schema for a node's position on the canvas. */
export const nodePositionSchema = z.strictObject({ x: coordinate, y: coordinate });
