import type { ReactNode } from "react";

/** The centred card used by the log-in and sign-up pages. */
export function AuthFormLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Waymark</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
