/**
 * The webhook bench's clients, in a worker thread so that sending and timing do not share the
 * server's event loop (Facebook is another machine): posts one signed receipt per message from
 * `clients` concurrent keep-alive connections and reports each acknowledgement's time in ms.
 * Plain JavaScript: a worker thread does not inherit tsx's loader.
 */
import { createHmac } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { Pool } from "undici";

/** @param {{ url: string, appSecret: string, pageId: string, clients: number, messages: { psid: string, mid: string }[] }} input */
async function post(input) {
  const pool = new Pool(input.url, { connections: input.clients, pipelining: 1 });
  /** @type {number[]} */
  const latencies = [];
  let next = 0;
  const client = async () => {
    for (let i = next++; i < input.messages.length; i = next++) {
      const body = receiptBody(input.pageId, input.messages[i]);
      const signature = createHmac("sha256", input.appSecret).update(body).digest("hex");
      const started = performance.now();
      const res = await pool.request({
        method: "POST",
        path: "/webhooks/messenger",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": `sha256=${signature}`,
        },
        body,
      });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: input.clients }, client));
  await pool.close();
  return latencies;
}

/**
 * One `message_deliveries` event in a POST of its own, as Facebook sends a quiet Page's.
 * @param {string} pageId
 * @param {{ psid: string, mid: string }} message
 */
function receiptBody(pageId, message) {
  const time = Date.now();
  const delivery = { mids: [message.mid], watermark: time };
  const messaging = [
    { sender: { id: message.psid }, recipient: { id: pageId }, timestamp: time, delivery },
  ];
  return JSON.stringify({ object: "page", entry: [{ id: pageId, time, messaging }] });
}

post(workerData).then(
  (latencies) => parentPort?.postMessage({ latencies }),
  (error) => parentPort?.postMessage({ error: String(error) }),
);
