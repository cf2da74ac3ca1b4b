import { accounts, messengerMessages, messengerProfiles } from "@waymark/db";
import { alias } from "drizzle-orm/pg-core";

// The tables the lifecycle's statements name most, under the aliases they use (see
// packages/engine/README.md, "Names in raw SQL"): `${message.status}` is "m"."status".

/** `messenger_messages` as `m`. */
export const message = alias(messengerMessages, "m");
/** `accounts` as `a`: a message's account, for its time zone. */
export const account = alias(accounts, "a");
/** `messenger_profiles` as `p`. */
export const profile = alias(messengerProfiles, "p");
