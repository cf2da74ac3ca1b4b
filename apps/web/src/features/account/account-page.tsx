import { ChangePasswordForm } from "./change-password-form";
import { LogOutEverywhere } from "./log-out-everywhere";

/** Account settings > Password and sessions: the signed-in user's own login. */
export function AccountPage() {
  return (
    <>
      <h2>Password and sessions</h2>
      <ChangePasswordForm />
      <LogOutEverywhere />
    </>
  );
}
