import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "../../ui/alert";
import { dataFieldsQuery, listsQuery } from "../contacts/contact-queries";
import { profilesQuery } from "../messenger/profile-queries";
import { programQuery } from "../programs/program-queries";
import { ProgramEditor } from "./program-editor";

/** /programs/:id — loads the program and the account data its nodes refer to. */
export function ProgramEditorPage() {
  const { id = "" } = useParams();
  const program = useQuery(programQuery(id));
  const fields = useQuery(dataFieldsQuery);
  const profiles = useQuery(profilesQuery);
  const lists = useQuery(listsQuery);
  const account = useMemo(
    () =>
      fields.data && profiles.data && lists.data
        ? {
            fields: fields.data.dataFields,
            profiles: profiles.data.profiles,
            lists: lists.data.lists,
          }
        : undefined,
    [fields.data, profiles.data, lists.data],
  );
  const error = program.error ?? fields.error ?? profiles.error ?? lists.error;
  if (error) {
    return (
      <>
        <Alert kind="error">{error.message}</Alert>
        <Link to="/programs">Back to programs</Link>
      </>
    );
  }
  if (!program.data || !account) {
    return (
      <p role="status" className="loading">
        Loading program…
      </p>
    );
  }
  return <ProgramEditor key={program.data.id} program={program.data} account={account} />;
}
