// One benchmark scenario against running apps, printed as one JSON line:
//   {"rps": ..., "latency": {"p50", "p99", "max"}, "requests": n, "errors": n, ...}
// Load comes from autocannon; each request is a fresh GraphQL document, so that commands touch
// many carts and orders rather than one row. GraphQL errors (HTTP 200 with "errors") count as
// errors, like HTTP failures.
//
//   node bench/load/scenarios.mjs <scenario> --url URL --clients N --seconds S [--rate R] [--fixture FILE]
//
// Scenarios: typename, addToCart, createOrder, updateHotProduct, product, productsPage, orderHistory.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
const autocannon = require("autocannon");

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" }, clients: { type: "string" }, seconds: { type: "string" },
    rate: { type: "string" }, fixture: { type: "string" },
  },
});
const scenario = positionals[0];
const fixture = values.fixture ? JSON.parse(readFileSync(values.fixture, "utf8")) : {};
const pick = (list) => list[Math.floor(Math.random() * list.length)];

// Each scenario is one document with variables, as clients send them (and as the servers' document
// caches expect); every request draws fresh variables, so commands touch many carts and orders.
const address = { recipient: "Bench Client", line1: "1 Load Street", postalCode: "10115", city: "Berlin", country: "DE" };
const documents = {
  typename: { query: "{ __typename }", variables: () => ({}) },
  addToCart: {
    query: "mutation ($c: ID!, $p: ID!) { addToCart(input: {customerId: $c, productId: $p, quantity: 1}) { id version } }",
    variables: () => ({ c: randomUUID(), p: pick(fixture.products) }),
  },
  createOrder: {
    query: "mutation ($c: ID!, $a: AddressInput!, $l: [OrderLineInput!]) { createOrder(input: {customerId: $c,"
      + " shippingAddress: $a, lines: $l}) { id version } }",
    variables: () => ({ c: randomUUID(), a: address, l: [...fixture.products].sort(() => Math.random() - 0.5).slice(0, 3)
      .map((productId) => ({ productId, quantity: 1 })) }),
  },
  // Every client renames the same product, without expectedVersion: the server decides clashes again.
  updateHotProduct: {
    query: "mutation ($p: ID!, $n: String) { updateProduct(input: {productId: $p, name: $n}) { version } }",
    variables: () => ({ p: fixture.hotProduct, n: `Hot ${randomUUID().slice(0, 8)}` }),
  },
  product: {
    query: "query ($id: ID!) { product(id: $id) { id name price { amountMinor currency } stockQuantity version } }",
    variables: () => ({ id: pick(fixture.products) }),
  },
  productsPage: {
    query: "{ products(filter: {category: \"bench\", inStock: true}, sort: {field: PRICE, direction: ASC}, first: 20)"
      + " { totalCount edges { node { id name price { amountMinor currency } } } pageInfo { endCursor } } }",
    variables: () => ({}),
  },
  orderHistory: {
    query: "query ($c: ID!) { orderHistory(customerId: $c, first: 20) { totalCount"
      + " edges { node { orderNumber status total { amountMinor currency } } } } }",
    variables: () => ({ c: fixture.historyCustomer }),
  },
};

if (!documents[scenario]) {
  console.error(`unknown scenario ${scenario}; one of ${Object.keys(documents).join(", ")}`);
  process.exit(2);
}

let graphqlErrors = 0;
let firstError;
const options = {
  url: values.url,
  connections: Number(values.clients),
  duration: Number(values.seconds),
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${process.env.BENCH_TOKEN}` },
  requests: [{
    setupRequest: (request) => ({ ...request, body: JSON.stringify({
      query: documents[scenario].query, variables: documents[scenario].variables() }) }),
    onResponse: (status, body) => {
      if (status === 200 && body.includes('"errors"')) {
        graphqlErrors++;
        firstError ??= body.slice(0, 300);
      }
    },
  }],
};
if (values.rate) {
  options.overallRate = Number(values.rate);
}

const result = await autocannon(options);
const requests = result.requests.total;
console.log(JSON.stringify({
  scenario, clients: options.connections, seconds: options.duration,
  rps: requests / (result.duration || options.duration),
  latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  requests, errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  ...(firstError ? { firstError } : {}),
}));
