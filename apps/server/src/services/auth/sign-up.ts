import { accounts, users } from "@waymark/db";
import { eq } from "drizzle-orm";
import { ServiceError } from "../../errors";
import { createDefaultFields } from "../contacts/data-fields";
import type { ServiceDeps } from "../context";
import { hashPassword } from "./password";
import type { SignUpInput } from "./schemas";

/** Creates an account, its first user and its default data fields in one transaction. */
export async function signUp(deps: ServiceDeps, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (taken) {
      throw new ServiceError(409, "email_taken", "An account with this email already exists", {
        fields: { email: "is already registered; log in instead" },
      });
    }
    const [account] = await tx.insert(accounts).values({ name: input.accountName }).returning();
    const [user] = await tx
      .insert(users)
      .values({ accountId: account!.id, email: input.email, passwordHash })
      .returning({ id: users.id, accountId: users.accountId, email: users.email });
    await createDefaultFields(tx, account!.id);
    return user!;
  });
}
