import type { FieldDefinition } from "../../fields/field-definition";
import type { ProfileSummary } from "../../messenger/profile-summary";

/** A list (address book) of the account. */
export interface ListSummary {
  readonly id: string;
  readonly name: string;
}

/** The account data a program refers to: its data fields, Messenger profiles and lists. */
export interface ValidationContext {
  readonly fields: readonly FieldDefinition[];
  readonly profiles: readonly ProfileSummary[];
  readonly lists: readonly ListSummary[];
}

/** The context indexed by name and id, built once per validation. */
export interface IndexedContext {
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  readonly profiles: ReadonlyMap<string, ProfileSummary>;
  readonly lists: ReadonlyMap<string, ListSummary>;
}

/** Indexes a validation context for lookups. */
export function indexContext(context: ValidationContext): IndexedContext {
  return {
    fields: new Map(context.fields.map((field) => [field.name, field])),
    profiles: new Map(context.profiles.map((profile) => [profile.id, profile])),
    lists: new Map(context.lists.map((list) => [list.id, list])),
  };
}
