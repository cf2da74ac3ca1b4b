import { storableText } from "@waymark/domain";
import { z } from "zod";

/** A missing field is "required"; a number or object where text belongs is "must be text". */
const text = () =>
  storableText({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") });

const email = text()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be a valid email address" }));

/** Sign-up form (SPEC §2). */
export const signUpInput = z.strictObject({
  accountName: text().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  email,
  password: text()
    .min(10, "must be at least 10 characters")
    .max(200, "must be at most 200 characters"),
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** Log-in form. */
export const logInInput = z.strictObject({
  email,
  password: text().min(1, "is required").max(200),
});
export type LogInInput = z.infer<typeof logInInput>;
