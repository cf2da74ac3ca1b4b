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

/** The rule for every password a user chooses. */
const newPassword = () =>
  text().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

/** Sign-up form (SPEC §2). */
export const signUpInput = z.strictObject({
  accountName: text().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  email,
  password: newPassword(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** Log-in form. */
export const logInInput = z.strictObject({
  email,
  password: text().min(1, "is required").max(200),
});
export type LogInInput = z.infer<typeof logInInput>;

/** Account settings > Your login: change the password. */
export const changePasswordInput = z
  .strictObject({
    currentPassword: text().min(1, "is required").max(200),
    newPassword: newPassword(),
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "must differ from your current password",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** The reset page: the one-time token from the reset link and the new password. */
export const resetPasswordInput = z.strictObject({
  token: text().min(1, "is required").max(200),
  newPassword: newPassword(),
});
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
