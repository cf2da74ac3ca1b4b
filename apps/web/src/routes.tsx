import { createBrowserRouter, Navigate } from "react-router";
import { ApiKeysPage } from "./features/api-keys/api-keys-page";
import { LoginPage } from "./features/auth/login-page";
import { SignUpPage } from "./features/auth/sign-up-page";
import { ContactPage } from "./features/contacts/contact-page";
import { ContactsPage } from "./features/contacts/contacts-page";
import { DataFieldsPage } from "./features/contacts/data-fields-page";
import { ImportPage } from "./features/contacts/import-page";
import { ListPage } from "./features/contacts/list-page";
import { ListsPage } from "./features/contacts/lists-page";
import { MessengerProfilesPage } from "./features/messenger/messenger-profiles-page";
import { NewProfilePage } from "./features/messenger/new-profile-page";
import { ProfilePage } from "./features/messenger/profile-page";
import { ProgramEditorPage } from "./features/program-editor/program-editor-page";
import { ProgramsPage } from "./features/programs/programs-page";
import { SettingsLayout } from "./features/settings/settings-layout";
import { AppShell } from "./features/shell/app-shell";
import { NotFoundPage } from "./features/shell/not-found-page";
import { RequireAuth } from "./features/shell/require-auth";
import { MessageContactsPage } from "./features/statistics/message-contacts-page";
import { StatisticsPage } from "./features/statistics/statistics-page";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignUpPage /> },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/programs" replace /> },
      { path: "programs", element: <ProgramsPage /> },
      { path: "programs/:id", element: <ProgramEditorPage /> },
      { path: "contacts", element: <ContactsPage /> },
      { path: "contacts/lists", element: <ListsPage /> },
      { path: "contacts/lists/:id", element: <ListPage /> },
      { path: "contacts/fields", element: <DataFieldsPage /> },
      { path: "contacts/import", element: <ImportPage /> },
      { path: "contacts/:id", element: <ContactPage /> },
      {
        path: "settings",
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to="/settings/channels/messenger" replace /> },
          { path: "channels/messenger", element: <MessengerProfilesPage /> },
          { path: "channels/messenger/new", element: <NewProfilePage /> },
          { path: "channels/messenger/:id", element: <ProfilePage /> },
          { path: "channels/messenger/:id/statistics", element: <StatisticsPage /> },
          { path: "channels/messenger/:id/statistics/contacts", element: <MessageContactsPage /> },
          { path: "api-keys", element: <ApiKeysPage /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
