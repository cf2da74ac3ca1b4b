import { coded, GraphError } from "./graph-error";

/** Errors about access tokens and app secret proofs (MESSENGER.md §8 rules 2–4). */
export const authErrors = {
  missingToken: () =>
    new GraphError({
      message: "An access token is required to request this resource.",
      type: "OAuthException",
      code: 190,
    }),
  malformedToken: () =>
    new GraphError({
      message: "Invalid OAuth access token - Cannot parse access token",
      type: "OAuthException",
      code: 190,
    }),
  appRemoved: (appId: string) =>
    new GraphError({
      message: `Error validating access token: The user has not authorized application ${appId}.`,
      type: "OAuthException",
      code: 190,
      error_subcode: 458,
    }),
  expired: (at: Date) =>
    new GraphError({
      message: `Error validating access token: Session has expired on ${at.toUTCString()}. The current time is later.`,
      type: "OAuthException",
      code: 190,
      error_subcode: 463,
    }),
  missingProof: () =>
    new GraphError({
      message: "API calls from the server require an appsecret_proof argument",
      type: "GraphMethodException",
      code: 100,
    }),
  invalidProof: () =>
    new GraphError({
      message: "Invalid appsecret_proof provided in the API argument",
      type: "GraphMethodException",
      code: 100,
    }),
  pageTokenRequired: () => coded(210, "A page access token is required to request this resource."),
  userTokenRequired: (edge: string) =>
    coded(100, `Tried accessing nonexisting field (${edge}) on node type (Page)`),
  messagingPermission: () => coded(230, "Requires pages_messaging permission to manage the object"),
  missingPermission: (permission: string) =>
    coded(200, `Requires ${permission} permission to manage the object`),
  missingTask: (tasks: string) =>
    coded(200, `The user must be able to perform the ${tasks} task on the Page`),
};
