/** A contact's name for tables: FULLNAME, else FIRSTNAME LASTNAME, else empty. */
export { contactName as displayName } from "@waymark/domain";
