import type { ProgramRef } from "@waymark/domain";
import { Fragment } from "react";
import { Link } from "react-router";

/**
 * "Shop is used by the active programs Spring sale and Launch": each program a link to it, so
 * the person can deactivate them before disabling or deleting the profile (SPEC §4).
 */
export function BlockingPrograms({
  profileName,
  programs,
  action,
}: {
  profileName: string;
  programs: readonly ProgramRef[];
  action: "disable" | "delete";
}) {
  const many = programs.length > 1;
  return (
    <>
      {profileName} is used by the active {many ? "programs" : "program"}{" "}
      {programs.map((program, i) => (
        <Fragment key={program.id}>
          {i > 0 && (i === programs.length - 1 ? " and " : ", ")}
          <Link to={`/programs/${program.id}`}>{program.name}</Link>
        </Fragment>
      ))}
      . Deactivate {many ? "them" : "it"} before you {action} it.
    </>
  );
}
