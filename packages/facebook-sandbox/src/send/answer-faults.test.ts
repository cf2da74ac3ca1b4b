import { testDrivers } from "@waymark/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpHarness, type HttpHarness } from "../testing/http-harness";
import { textTo } from "../testing/test-harness";

/** The error `fetch` gives when the connection is reset before any answer came. */
async function expectConnectionLost(pending: Promise<Response>) {
  const error = await pending.then(
    (r) => new Error(`answered ${r.status}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TypeError);
  const code = ((error as TypeError).cause as { code?: string } | undefined)?.code;
  expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(code);
}

async function waitFor(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(testDrivers())("answers after acceptance, over HTTP, on %s", (driver) => {
  let t: HttpHarness;
  const randoms: number[] = [];
  beforeAll(async () => {
    t = await createHttpHarness(driver, { random: () => randoms.shift() ?? 0.99 });
  });
  afterEach(() => {
    t.h.admin.resetFaults();
    randoms.length = 0;
  });
  afterAll(async () => {
    await t?.close();
  });

  const echoOf = (mid: string) =>
    t.receiver.events().find((e) => e.message?.is_echo && e.message.mid === mid);

  it("dropAnswerAfterAccept: the connection is reset, yet the message was sent and its echo and delivery follow", async () => {
    const s = await t.h.setupPage();
    const set = await t.post("/_admin/faults", { dropAnswerAfterAccept: { count: 1 } });
    expect(set.status).toBe(200);
    await expectConnectionLost(t.send(s, textTo(s.psid, "accepted, answer lost")));

    const [sent] = await t.h.admin.messages({ psid: s.psid, limit: 1 });
    expect(sent?.text).toBe("accepted, answer lost");
    await t.h.admin.settle();
    const mid = sent?.mid ?? "";
    expect(echoOf(mid)?.message?.text).toBe("accepted, answer lost");
    expect(t.receiver.events().some((e) => e.delivery?.mids?.includes(mid))).toBe(true);

    // The count is spent: the switch is off and the next answer comes.
    expect(t.h.admin.getFaults().dropAnswerAfterAccept).toBeNull();
    expect((await t.send(s, textTo(s.psid, "answered"))).status).toBe(200);
  });

  it("dropAnswerAfterAccept: refused sends are answered; a rate draws once per accepted call, only for its page", async () => {
    const s = await t.h.setupPage();
    const other = await t.h.setupPage();
    await t.h.admin.setFaults({ dropAnswerAfterAccept: { rate: 0.5, pageId: s.pageId } });
    const refused = await t.send(s, textTo("999999999", "no such person"));
    expect(refused.status).toBe(400);
    expect((await t.send(other, textTo(other.psid, "other page"))).status).toBe(200);
    randoms.push(0.3, 0.7);
    await expectConnectionLost(t.send(s, textTo(s.psid, "drawn 0.3")));
    expect((await t.send(s, textTo(s.psid, "drawn 0.7"))).status).toBe(200);
    expect(randoms).toEqual([]);
    const texts = (await t.h.admin.messages({ psid: s.psid })).map((m) => m.text);
    expect(texts).toEqual(["drawn 0.7", "drawn 0.3"]);
  });

  it("dropAnswerAfterAccept: a Graph batch loses its whole answer after every item was accepted", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ dropAnswerAfterAccept: { count: 1 } });
    const items = ["b1", "b2", "b3"].map((text) => textTo(s.psid, text));
    await expectConnectionLost(t.batch(s, items));
    const texts = (await t.h.admin.messages({ psid: s.psid })).map((m) => m.text);
    expect(texts.sort()).toEqual(["b1", "b2", "b3"]);
    await t.h.admin.settle();
    const echoed = t.receiver
      .events()
      .filter((e) => e.message?.is_echo && e.recipient?.id === s.psid)
      .map((e) => e.message?.text);
    expect(echoed.sort()).toEqual(["b1", "b2", "b3"]);

    const answered = await t.batch(s, [textTo(s.psid, "b4")]);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as Array<{ code: number }>)[0]?.code).toBe(200);
  });

  it("dropAnswerAfterAccept without a socket (in-process app.request): the answer never comes", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ dropAnswerAfterAccept: { count: 1 } });
    const pending = t.h.send(s, textTo(s.psid, "in-process, no answer"));
    const outcome = await Promise.race([
      Promise.resolve(pending).then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 300)),
    ]);
    expect(outcome).toBe("still waiting");
    const [sent] = await t.h.admin.messages({ psid: s.psid, limit: 1 });
    expect(sent?.text).toBe("in-process, no answer");
  });

  it("answerDelayMs: the echo arrives before the answer; without it, after", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ answerDelayMs: 400 });
    let answered = false;
    const pending = t.send(s, textTo(s.psid, "late answer")).then((r) => {
      answered = true;
      return r;
    });
    await waitFor(() => t.receiver.events().some((e) => e.message?.text === "late answer"));
    expect(answered).toBe(false);
    const late = (await (await pending).json()) as { message_id: string };
    expect(echoOf(late.message_id)?.message?.text).toBe("late answer");

    await t.h.admin.resetFaults();
    const prompt = (await (await t.send(s, textTo(s.psid, "prompt answer"))).json()) as {
      message_id: string;
    };
    expect(echoOf(prompt.message_id)).toBeUndefined();
    await t.h.admin.settle();
    expect(echoOf(prompt.message_id)?.message?.text).toBe("prompt answer");
  });

  it("answerDelayMs delays a batch's answer once, after its items were accepted", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ answerDelayMs: 300 });
    const started = Date.now();
    const answer = await t.batch(s, [textTo(s.psid, "d1"), textTo(s.psid, "d2")]);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(Date.now() - started).toBeLessThan(600);
  });
});
