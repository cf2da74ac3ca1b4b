import { extractPlaceholders, type ProgramDocument } from "@waymark/domain";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The denormalised columns of a program row, recomputed from its document on every write. */
export interface ProgramColumns {
  /** The Start node's list, when it has the shape of a list id (ownership is checked in SQL). */
  startListId: string | null;
  /** Every data field the program reads or writes: placeholders, Decision and Update fields. */
  fieldNames: string[];
  /** Every Messenger profile the program sends through or checks opt-in for. */
  profileIds: string[];
}

/**
 * Derives what other features ask of a program without reading documents: "does an active
 * program enrol from this list?", "is this field used?", "is this profile used?".
 */
export function deriveProgramColumns(document: ProgramDocument): ProgramColumns {
  let startListId: string | null = null;
  const fieldNames = new Set<string>();
  const profileIds = new Set<string>();
  for (const node of document.nodes) {
    switch (node.type) {
      case "start":
        if (startListId === null && node.data.listId !== null && UUID.test(node.data.listId)) {
          startListId = node.data.listId.toLowerCase();
        }
        break;
      case "messenger":
        for (const name of extractPlaceholders(node.data.text)) fieldNames.add(name);
        if (node.data.profileId !== null) profileIds.add(node.data.profileId);
        break;
      case "decision":
        if (node.data.rule.kind === "field" && node.data.rule.field !== "") {
          fieldNames.add(node.data.rule.field);
        }
        if (node.data.rule.kind === "opted_in" && node.data.rule.profileId !== null) {
          profileIds.add(node.data.rule.profileId);
        }
        break;
      case "update_contact":
        if (node.data.field !== "") fieldNames.add(node.data.field);
        break;
      default:
        break;
    }
  }
  return {
    startListId,
    fieldNames: [...fieldNames].sort(),
    profileIds: [...profileIds]
      .filter((id) => UUID.test(id))
      .map((id) => id.toLowerCase())
      .sort(),
  };
}
