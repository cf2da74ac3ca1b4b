import { z } from "zod";

const email = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be a valid email address" }));

/** Sign-up form (SPEC §2). */
export const signUpInput = z.strictObject({
  accountName: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "must be at most 100 characters"),
  email,
  password: z
    .string({ error: "is required" })
    .min(10, "must be at least 10 characters")
    .max(200, "must be at most 200 characters"),
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** Log-in form. */
export const logInInput = z.strictObject({
  email,
  password: z.string({ error: "is required" }).min(1, "is required").max(200),
});
export type LogInInput = z.infer<typeof logInInput>;
