// Over 400 lines: the pure step function's cases, one group per node type, over shared fixtures.
import { describe, expect, test } from "vitest";
import {
  decisionNode,
  edge,
  endNode,
  messengerNode,
  programDocument,
  startNode,
  updateContactNode,
  waitNode,
} from "../fixtures/program-builders";
import { NOT_OPTED_IN_CONTACT, OPTED_IN_CONTACT, SAMPLE_NOW } from "../fixtures/sample-contacts";
import { SAMPLE_FIELDS, SAMPLE_PROFILES } from "../fixtures/sample-context";
import { SAMPLE_PROGRAM } from "../fixtures/sample-program";
import type { MessengerNode } from "../program/nodes/messenger-node";
import type { ProgramDocument } from "../program/program-document";
import type { ProgramNode } from "../program/program-node";
import type { ContactSnapshot, MessengerContactState } from "./contact-snapshot";
import { decideStep } from "./decide-step";

const NOW = SAMPLE_NOW;
const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

const step = (
  program: ProgramDocument,
  nodeId: string,
  contact: ContactSnapshot = OPTED_IN_CONTACT,
) =>
  decideStep({
    program,
    nodeId,
    contact,
    fields: SAMPLE_FIELDS,
    profiles: SAMPLE_PROFILES,
    now: NOW,
  });

/** Start → node → End "after". */
function around(node: ProgramNode): ProgramDocument {
  return programDocument(
    [startNode("start"), node, endNode("after", "after")],
    [edge("start", node.id), edge(node.id, "after")],
  );
}

const moveOn = { done: false, nodeId: "after", dueAt: NOW };

function shopContact(
  state: Partial<MessengerContactState>,
  values = OPTED_IN_CONTACT.values,
): ContactSnapshot {
  return {
    values,
    messenger: {
      "profile-shop": {
        psid: "PSID-1",
        optedInAt: hoursAgo(1),
        lastInboundAt: null,
        extraUsedAt: null,
        blockedAt: null,
        ...state,
      },
    },
  };
}

describe("Start, Wait, End", () => {
  test("Start moves on now", () => {
    expect(step(SAMPLE_PROGRAM, "start")).toEqual({
      next: { done: false, nodeId: "welcome", dueAt: NOW },
      effects: [],
    });
  });

  test.each([
    [30, "minutes", 30 * 60_000],
    [2, "hours", 2 * HOUR],
    [1, "days", 24 * HOUR],
    [7, "days", 7 * 24 * HOUR],
  ] as const)("Wait %i %s is due that much later", (amount, unit, ms) => {
    expect(step(around(waitNode("w", amount, unit)), "w")).toEqual({
      next: { done: false, nodeId: "after", dueAt: new Date(NOW.getTime() + ms) },
      effects: [],
    });
  });

  test("End finishes with its outcome", () => {
    expect(step(SAMPLE_PROGRAM, "end-vip")).toEqual({
      next: { done: true, outcome: "VIP offer sent" },
      effects: [{ type: "end", outcome: "VIP offer sent" }],
    });
  });

  test("an unnamed End falls back to Completed", () => {
    expect(step(around(endNode("x", " ")), "x").next).toEqual({ done: true, outcome: "Completed" });
  });
});

describe("fallbacks instead of throwing", () => {
  test.each<[string, ProgramDocument, string, string]>([
    [
      "a node without its outgoing connection",
      programDocument([startNode("s"), waitNode("w")], [edge("s", "w")]),
      "w",
      "ended: no outgoing connection",
    ],
    [
      "a connection to a node that is gone",
      programDocument([startNode("s")], [edge("s", "ghost")]),
      "s",
      "ended: no outgoing connection",
    ],
    [
      "a Decision missing the branch taken",
      programDocument(
        [
          startNode("s"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("n"),
        ],
        [edge("s", "d"), edge("d", "n", "no")],
      ),
      "d",
      "ended: no outgoing connection",
    ],
    [
      "a contact at a node that was deleted",
      SAMPLE_PROGRAM,
      "deleted-node",
      "ended: node no longer exists",
    ],
  ])("%s", (_name, program, nodeId, outcome) => {
    const decision = step(program, nodeId);
    expect(decision.next).toEqual({ done: true, outcome });
    expect(decision.effects.at(-1)).toEqual({ type: "end", outcome });
  });

  test("effects of the node are kept when its connection is missing", () => {
    const program = programDocument(
      [startNode("s"), updateContactNode("u", "AGE", "3")],
      [edge("s", "u")],
    );
    expect(step(program, "u").effects).toEqual([
      { type: "set_field", field: "AGE", value: 3 },
      { type: "end", outcome: "ended: no outgoing connection" },
    ]);
  });
});

describe("Messenger", () => {
  const send = (
    data: Partial<MessengerNode["data"]>,
    contact: ContactSnapshot = OPTED_IN_CONTACT,
  ) => step(around(messengerNode("m", data)), "m", contact);

  test("sends a personalised standard message inside the window", () => {
    expect(send({ text: "Hi @FIRSTNAME@ 😀" })).toEqual({
      next: moveOn,
      effects: [
        {
          type: "send_message",
          profileId: "profile-shop",
          psid: "1254477777772919",
          messagingType: "RESPONSE",
          tag: null,
          text: "Hi Ana 😀",
          usesExtra: false,
        },
      ],
    });
  });

  test.each<[string, Partial<MessengerNode["data"]>, ContactSnapshot, object]>([
    [
      "Update tag under 2018",
      { tagId: "update" },
      OPTED_IN_CONTACT,
      { messagingType: "UPDATE", tag: null, usesExtra: false },
    ],
    [
      "a subscription tag under 2018, long after opt-in",
      { tagId: "shipping_update" },
      shopContact({ optedInAt: hoursAgo(500) }),
      { messagingType: "MESSAGE_TAG", tag: "SHIPPING_UPDATE", usesExtra: false },
    ],
    [
      "the 2018 +1 after 24 hours",
      {},
      shopContact({ optedInAt: hoursAgo(24) }),
      { messagingType: "RESPONSE", usesExtra: true },
    ],
    [
      "a new window after the contact wrote again",
      {},
      shopContact({
        optedInAt: hoursAgo(100),
        extraUsedAt: hoursAgo(60),
        lastInboundAt: hoursAgo(2),
      }),
      { usesExtra: false },
    ],
    [
      "a mapped tag under 2020 goes out as the current tag",
      { profileId: "profile-outlet", tagId: "shipping_update" },
      OPTED_IN_CONTACT,
      {
        profileId: "profile-outlet",
        psid: "9988776655",
        messagingType: "MESSAGE_TAG",
        tag: "POST_PURCHASE_UPDATE",
      },
    ],
    [
      "a default value fills a missing field",
      { text: "Hi @FIRSTNAME@" },
      shopContact({}, {}),
      { text: "Hi there" },
    ],
    [
      "a blocked contact who wrote again",
      {},
      shopContact({ blockedAt: hoursAgo(5), lastInboundAt: hoursAgo(1) }),
      { type: "send_message" },
    ],
  ])("sends: %s", (_name, data, contact, expected) => {
    const decision = send(data, contact);
    expect(decision.next).toEqual(moveOn);
    expect(decision.effects).toHaveLength(1);
    expect(decision.effects[0]).toMatchObject({ type: "send_message", ...expected });
  });

  test.each<[string, Partial<MessengerNode["data"]>, ContactSnapshot, string | null, string]>([
    [
      "a contact who has not opted in",
      {},
      NOT_OPTED_IN_CONTACT,
      "profile-shop",
      "contact has not opted in",
    ],
    ["an empty PSID", {}, shopContact({ psid: "" }), "profile-shop", "contact has not opted in"],
    ["a null PSID", {}, shopContact({ psid: null }), "profile-shop", "contact has not opted in"],
    [
      "the +1 already used",
      {},
      shopContact({ optedInAt: hoursAgo(30), extraUsedAt: hoursAgo(5) }),
      "profile-shop",
      "outside the 24-hour window",
    ],
    [
      "2020 standard after 24 hours",
      { profileId: "profile-outlet" },
      {
        values: {},
        messenger: {
          "profile-outlet": {
            psid: "P",
            optedInAt: hoursAgo(24),
            lastInboundAt: null,
            extraUsedAt: null,
            blockedAt: null,
          },
        },
      },
      "profile-outlet",
      "outside the 24-hour window",
    ],
    [
      "a retired tag under 2020",
      { profileId: "profile-outlet", tagId: "game_event" },
      OPTED_IN_CONTACT,
      "profile-outlet",
      "tag is retired under the profile's policy",
    ],
    [
      "an unknown tag",
      { tagId: "nope" },
      OPTED_IN_CONTACT,
      "profile-shop",
      "tag is not a Messenger tag",
    ],
    [
      "an empty message after personalisation",
      { text: "@LASTNAME@" },
      shopContact({}, {}),
      "profile-shop",
      "message is empty after personalisation",
    ],
    [
      "a message over 2,000 characters after personalisation",
      { text: `${"x".repeat(1990)} @LASTNAME@` },
      shopContact({}, { LASTNAME: "Silva-Santos" }),
      "profile-shop",
      "message is longer than 2,000 characters after personalisation",
    ],
    [
      "a disabled profile",
      { profileId: "profile-old" },
      OPTED_IN_CONTACT,
      "profile-old",
      "profile is disabled",
    ],
    [
      "a deleted profile",
      { profileId: "profile-gone" },
      OPTED_IN_CONTACT,
      "profile-gone",
      "profile no longer exists",
    ],
    ["no profile", { profileId: null }, OPTED_IN_CONTACT, null, "no profile chosen"],
    [
      "a contact who blocked the page",
      {},
      shopContact({ blockedAt: hoursAgo(0.5) }),
      "profile-shop",
      "contact is not receiving messages from the page",
    ],
  ])("warns and moves on: %s", (_name, data, contact, profileId, reason) => {
    expect(send(data, contact)).toEqual({
      next: moveOn,
      effects: [{ type: "warning", profileId, reason }],
    });
  });
});

describe("Decision", () => {
  test.each([
    ["a VIP takes Yes", OPTED_IN_CONTACT, "vip-offer"],
    ["a contact without VIP takes No", NOT_OPTED_IN_CONTACT, "mark-welcomed"],
  ])("%s", (_name, contact, nodeId) => {
    expect(step(SAMPLE_PROGRAM, "is-vip", contact)).toEqual({
      next: { done: false, nodeId, dueAt: NOW },
      effects: [],
    });
  });

  test.each([
    [OPTED_IN_CONTACT, "y"],
    [NOT_OPTED_IN_CONTACT, "n"],
  ])("opted in to Shop → %#", (contact, nodeId) => {
    const program = programDocument(
      [
        startNode("s"),
        decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
        endNode("y"),
        endNode("n"),
      ],
      [edge("s", "d"), edge("d", "y", "yes"), edge("d", "n", "no")],
    );
    expect(step(program, "d", contact).next).toMatchObject({ nodeId });
  });
});

describe("Update contact", () => {
  test.each<[string, string, string | number | boolean, object]>([
    ["text", "FIRSTNAME", "Zé", { type: "set_field", field: "FIRSTNAME", value: "Zé" }],
    ["number", "AGE", "41", { type: "set_field", field: "AGE", value: 41 }],
    ["number as JSON", "AGE", 41.5, { type: "set_field", field: "AGE", value: 41.5 }],
    [
      "date",
      "BIRTHDAY",
      "1990-02-01",
      { type: "set_field", field: "BIRTHDAY", value: "1990-02-01" },
    ],
    ["Yes/No", "VIP", "yes", { type: "set_field", field: "VIP", value: true }],
    ["clearing", "AGE", "", { type: "set_field", field: "AGE", value: null }],
    [
      "a deleted field",
      "GONE",
      "x",
      { type: "warning", profileId: null, reason: "data field 'GONE' does not exist" },
    ],
    [
      "a system field",
      "FBOPTIN_7KQ2",
      "x",
      {
        type: "warning",
        profileId: null,
        reason: "data field 'FBOPTIN_7KQ2' is set by the system",
      },
    ],
    [
      "a value that no longer fits",
      "AGE",
      "old",
      {
        type: "warning",
        profileId: null,
        reason: expect.stringContaining("value for 'AGE' does not fit"),
      },
    ],
  ])("%s", (_name, field, value, effect) => {
    expect(step(around(updateContactNode("u", field, value)), "u")).toEqual({
      next: moveOn,
      effects: [effect],
    });
  });
});

describe("a whole journey", () => {
  test("Ana walks the sample program to its VIP outcome", () => {
    const visited: string[] = [];
    let nodeId = "start";
    let now = NOW;
    for (let i = 0; i < 10; i++) {
      visited.push(nodeId);
      const decision = decideStep({
        program: SAMPLE_PROGRAM,
        nodeId,
        contact: OPTED_IN_CONTACT,
        fields: SAMPLE_FIELDS,
        profiles: SAMPLE_PROFILES,
        now,
      });
      if (decision.next.done) {
        expect(decision.next.outcome).toBe("VIP offer sent");
        break;
      }
      nodeId = decision.next.nodeId;
      now = decision.next.dueAt;
    }
    expect(visited).toEqual(["start", "welcome", "wait-1-day", "is-vip", "vip-offer", "end-vip"]);
  });
});
