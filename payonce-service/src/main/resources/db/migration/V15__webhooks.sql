-- Merchant webhooks (io.payonce.webhooks, docs/webhooks.md).
--
-- Endpoints are registered through the admin API. Each holds its signing secret sealed with the
-- card-key keyring (AES-256-GCM, bound to the endpoint's id; the version names the key), because
-- payonce must read it back to sign: a hash would not do.
CREATE TABLE webhook_endpoints (
    id                 text PRIMARY KEY,
    url                text NOT NULL CHECK (length(url) <= 2048),
    event_types        text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 5),
    description        text CHECK (length(description) <= 200),
    secret_cipher      bytea NOT NULL,
    secret_key_version int NOT NULL,
    enabled            boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL,
    disabled_at        timestamptz,
    CHECK (enabled = (disabled_at IS NULL))
);

-- The transactional outbox: one row per event, written in the transaction of the change it tells
-- (settlement, refund, expiry, membership grant), so an event exists exactly when its change
-- committed. (type, subject_ref) is unique: the same change can never be told twice.
CREATE TABLE webhook_events (
    id           text PRIMARY KEY,
    type         text NOT NULL CHECK (type IN ('order.paid', 'order.delivered', 'order.refunded', 'order.expired',
                                               'membership.renewed')),
    -- What it is about: the order, the refund, or the membership grant (system/orderNo).
    subject_ref  text NOT NULL,
    -- The exact body every delivery sends, byte for byte: signatures and receivers' dedup rely on it.
    body         text NOT NULL CHECK (length(body) <= 16384),
    created_at   timestamptz NOT NULL,
    -- Set once the event was confirmed by RabbitMQ (only when PAYONCE_AMQP_URL is set).
    published_at timestamptz,
    UNIQUE (type, subject_ref)
);
CREATE INDEX webhook_events_unpublished ON webhook_events (created_at) WHERE published_at IS NULL;
CREATE INDEX webhook_events_by_time ON webhook_events (created_at);

-- One delivery per (event, endpoint), fanned out in the event's own transaction to the enabled
-- endpoints that subscribe to its type. PENDING until a 2xx (DELIVERED) or the retry schedule
-- runs out (FAILED); a replay makes it PENDING again. claim counts claims and replays: a worker
-- records its result only while the claim is still its own.
CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         text NOT NULL REFERENCES webhook_events (id),
    endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id),
    status           text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claim            bigint NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code int,
    last_error       text CHECK (length(last_error) <= 500),
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (event_id, endpoint_id),
    CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);

-- Every attempt, for the admin API: what the receiver answered (status, the start of its body) or
-- why there was no answer. Bodies and errors are cut short: a receiver cannot fill the database.
CREATE TABLE webhook_attempts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   bigint NOT NULL REFERENCES webhook_deliveries (id),
    attempted_at  timestamptz NOT NULL,
    duration_ms   int NOT NULL CHECK (duration_ms >= 0),
    status_code   int,
    error         text CHECK (length(error) <= 500),
    response_body text CHECK (length(response_body) <= 1024),
    CHECK (status_code IS NOT NULL OR error IS NOT NULL)
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id);
