-- Values that must be unique across streams (a product's SKU). Claims are written in the same
-- transaction as the events that make them, so an append that would take a taken value fails
-- as a whole.
CREATE TABLE unique_claims (
    scope           TEXT        NOT NULL,
    value           TEXT        NOT NULL,
    owner_stream_id UUID        NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT unique_claims_pkey PRIMARY KEY (scope, value)
);

-- SKUs of products created before claims existed: the latest SKU of every product that is not
-- deleted. Should two products share one, the older keeps it.
INSERT INTO unique_claims (scope, value, owner_stream_id)
SELECT DISTINCT ON (upper(sku)) 'sku', upper(sku), stream_id
FROM (
    SELECT DISTINCT ON (stream_id) stream_id, payload ->> 'sku' AS sku, event_type, global_position
    FROM events
    WHERE stream_type = 'product' AND event_type IN ('ProductCreated', 'ProductUpdated', 'ProductDeleted')
    ORDER BY stream_id, stream_version DESC
) latest
WHERE event_type <> 'ProductDeleted'
ORDER BY upper(sku), global_position;

-- Results of commands sent with an idempotency key, written with the command's events: a repeat
-- of the same request returns the stored result and appends nothing.
CREATE TABLE idempotency_keys (
    idempotency_key     TEXT        PRIMARY KEY,
    operation           TEXT        NOT NULL,
    request_fingerprint TEXT        NOT NULL,
    outcome             JSONB       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The state of a stream at a version, to load long streams without folding them from the start.
-- Only an optimisation: deleting every row gives the same states, only slower.
CREATE TABLE snapshots (
    stream_id      UUID        PRIMARY KEY,
    stream_type    TEXT        NOT NULL,
    stream_version BIGINT      NOT NULL,
    state_schema   INTEGER     NOT NULL,
    state          JSONB       NOT NULL,
    taken_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Human-readable order numbers; a number lost to a failed order leaves a gap, never a duplicate.
CREATE SEQUENCE order_numbers;
