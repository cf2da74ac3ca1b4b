import { getMessageTag } from "@waymark/domain";
import type { EditorContextValue } from "./editor-context";
import type { NodeContent } from "./flow-types";
import { describeNode, excerpt } from "./node-labels";

/**
 * The lines a node shows on the canvas, with names looked up in the account's data; each is cut
 * short enough to fit the node in two lines, so the canvas never has to clip text.
 */
export function nodeSummary(
  content: NodeContent,
  account: Pick<EditorContextValue, "profiles" | "lists">,
): string[] {
  return summaryLines(content, account).map((line) => excerpt(line));
}

function summaryLines(
  content: NodeContent,
  account: Pick<EditorContextValue, "profiles" | "lists">,
): string[] {
  switch (content.type) {
    case "start": {
      const list = account.lists.find((l) => l.id === content.data.listId);
      const lines = [];
      if (content.data.listId !== null) lines.push(`List: ${list?.name ?? "deleted list"}`);
      if (content.data.allowApi) lines.push("Enrolled through the API");
      return lines.length > 0 ? lines : [describeNode(content)];
    }
    case "messenger": {
      const profile = account.profiles.find((p) => p.id === content.data.profileId);
      const tag = getMessageTag(content.data.tagId)?.label ?? content.data.tagId;
      const via =
        content.data.profileId === null ? "No profile" : (profile?.name ?? "Deleted profile");
      return [`${via} · ${tag}`, describeNode(content)];
    }
    case "decision":
      if (content.data.rule.kind === "opted_in") {
        const id = content.data.rule.profileId;
        const profile = account.profiles.find((p) => p.id === id);
        return [`Opted in to ${id === null ? "…" : (profile?.name ?? "deleted profile")}?`];
      }
      return [`${describeNode(content)}?`];
    default:
      return [describeNode(content)];
  }
}
