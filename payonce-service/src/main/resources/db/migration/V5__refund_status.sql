-- A refund is PENDING while the channel is asked, then SUCCEEDED or FAILED (RefundStatus). A
-- refund whose answer is unknown stays PENDING and its request is retried; UNKNOWN was allowed
-- here but never written, so it goes.
ALTER TABLE refunds DROP CONSTRAINT refunds_status_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED'));
