import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";

/**
 * An HTTP proxy for the container test: tunnels every CONNECT to the same port on 127.0.0.1, whatever the
 * host (so a `.invalid` host in DISCORD_API_URL is reachable only through it), and prints one line per
 * tunnel. Writes its port to the file named by argv[2]; serves until killed.
 */
const proxy = createServer((_req, res) => res.writeHead(405).end());
proxy.on("connect", (req, client, head) => {
  console.log(`proxied CONNECT ${req.url}`);
  const upstream = connect(Number(new URL(`http://${req.url}`).port), "127.0.0.1", () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.write(head);
    upstream.pipe(client).on("error", () => client.destroy());
    client.pipe(upstream).on("error", () => upstream.destroy());
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
});
proxy.listen(0, "127.0.0.1", () =>
  writeFileSync(process.argv[2] as string, String((proxy.address() as AddressInfo).port)),
);
