-- The event store: one append-only table of every event of every stream.
CREATE TABLE events (
    -- Unique and increasing, but sequence values become visible in commit order, not in
    -- allocation order, so the relay never uses this alone as a checkpoint.
    global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The writing transaction. Every transaction below pg_snapshot_xmin() has ended, so the
    -- relay can read past its checkpoint without skipping a late commit.
    transaction_id  XID8        NOT NULL DEFAULT pg_current_xact_id(),
    stream_id       UUID        NOT NULL,
    stream_type     TEXT        NOT NULL,
    stream_version  BIGINT      NOT NULL CHECK (stream_version > 0),
    event_id        UUID        NOT NULL UNIQUE,
    event_type      TEXT        NOT NULL,
    schema_version  INTEGER     NOT NULL CHECK (schema_version > 0),
    payload         JSONB       NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    correlation_id  UUID        NOT NULL,
    causation_id    UUID        NOT NULL,
    actor           TEXT,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Optimistic concurrency: two writers that read the same version both try to write the
    -- next one, and exactly one of them succeeds.
    CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);

CREATE INDEX events_relay_order ON events (transaction_id, global_position);

-- Where each relay has published up to, as a (transaction, position) pair.
CREATE TABLE relay_checkpoints (
    relay_name          TEXT PRIMARY KEY,
    last_transaction_id XID8        NOT NULL,
    last_position       BIGINT      NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO relay_checkpoints (relay_name, last_transaction_id, last_position)
VALUES ('rabbitmq', '0', 0);
