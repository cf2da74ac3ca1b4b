import type { ComponentType } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { LoginPage } from "./features/auth/login-page";
import { ResetPasswordPage } from "./features/auth/reset-password-page";
import { healthQuery, meQuery } from "./features/auth/session-queries";
import { SignUpPage } from "./features/auth/sign-up-page";
import { dataFieldsQuery, listsQuery } from "./features/contacts/contact-queries";
import { profilesQuery } from "./features/messenger/profile-queries";
import { programQuery } from "./features/programs/program-queries";
import { ProgramsPage } from "./features/programs/programs-page";
import { SettingsLayout } from "./features/settings/settings-layout";
import { AppShell } from "./features/shell/app-shell";
import { NotFoundPage } from "./features/shell/not-found-page";
import { PageLoadError, pageLoadFailure } from "./features/shell/page-load-error";
import { RequireAuth } from "./features/shell/require-auth";
import { queryClient } from "./lib/query-client";

/**
 * Pages other than the programs list are separate chunks, loaded when first visited (the
 * program editor brings React Flow, the statistics pages their charts). Loaders only start the
 * queries a page needs, so the requests run alongside the chunk download instead of after it;
 * the pages read them with `useQuery` as before (and show their own loading and error states).
 */
export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignUpPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    HydrateFallback: Loading,
    loader: () => {
      void queryClient.prefetchQuery(meQuery);
      void queryClient.prefetchQuery(healthQuery);
      return null;
    },
    children: [
      {
        // Inside the shell: a page that fails to load shows its error with the navigation kept.
        errorElement: <PageLoadError />,
        children: [
          { index: true, element: <Navigate to="/programs" replace /> },
          { path: "programs", element: <ProgramsPage /> },
          {
            path: "programs/:id",
            loader: ({ params }) => {
              void queryClient.prefetchQuery(programQuery(params.id ?? ""));
              void queryClient.prefetchQuery(dataFieldsQuery);
              void queryClient.prefetchQuery(profilesQuery);
              void queryClient.prefetchQuery(listsQuery);
              return null;
            },
            ...lazyPage(
              () => import("./features/program-editor/program-editor-page"),
              (m) => m.ProgramEditorPage,
            ),
          },
          {
            path: "contacts",
            ...lazyPage(
              () => import("./features/contacts/contacts-page"),
              (m) => m.ContactsPage,
            ),
          },
          {
            path: "contacts/lists",
            ...lazyPage(
              () => import("./features/contacts/lists-page"),
              (m) => m.ListsPage,
            ),
          },
          {
            path: "contacts/lists/:id",
            ...lazyPage(
              () => import("./features/contacts/list-page"),
              (m) => m.ListPage,
            ),
          },
          {
            path: "contacts/fields",
            ...lazyPage(
              () => import("./features/contacts/data-fields-page"),
              (m) => m.DataFieldsPage,
            ),
          },
          {
            path: "contacts/import",
            ...lazyPage(
              () => import("./features/contacts/import-page"),
              (m) => m.ImportPage,
            ),
          },
          {
            path: "contacts/:id",
            ...lazyPage(
              () => import("./features/contacts/contact-page"),
              (m) => m.ContactPage,
            ),
          },
          {
            path: "statistics",
            ...lazyPage(
              () => import("./features/statistics/statistics-overview-page"),
              (m) => m.StatisticsOverviewPage,
            ),
          },
          {
            path: "settings",
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="/settings/channels/messenger" replace /> },
              {
                path: "channels/messenger",
                ...lazyPage(
                  () => import("./features/messenger/messenger-profiles-page"),
                  (m) => m.MessengerProfilesPage,
                ),
              },
              {
                path: "channels/messenger/new",
                ...lazyPage(
                  () => import("./features/messenger/new-profile-page"),
                  (m) => m.NewProfilePage,
                ),
              },
              {
                path: "channels/messenger/:id",
                ...lazyPage(
                  () => import("./features/messenger/profile-page"),
                  (m) => m.ProfilePage,
                ),
              },
              {
                path: "channels/messenger/:id/statistics",
                ...lazyPage(
                  () => import("./features/statistics/statistics-page"),
                  (m) => m.StatisticsPage,
                ),
              },
              {
                path: "channels/messenger/:id/statistics/contacts",
                ...lazyPage(
                  () => import("./features/statistics/message-contacts-page"),
                  (m) => m.MessageContactsPage,
                ),
              },
              {
                path: "account",
                ...lazyPage(
                  () => import("./features/account/account-page"),
                  (m) => m.AccountPage,
                ),
              },
              {
                path: "api-keys",
                ...lazyPage(
                  () => import("./features/api-keys/api-keys-page"),
                  (m) => m.ApiKeysPage,
                ),
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * A route whose page component is loaded from its own chunk on first visit; a chunk that fails
 * to load gets the page that says so (and reloads once for a new version).
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  // biome-ignore lint/correctness/noComponentHookFactories: React Router's lazy `Component` is a loader that resolves to the component, not a component itself.
  return { lazy: { Component: () => load().then(pick, pageLoadFailure) } };
}

/** Shown while the first page's code loads. */
function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}
