-- The simulated gateways left the service (issue 9): the sandbox gateway is a process of its own
-- with its own database (payonce-gateway, classpath:db/sandbox-gateway). Their tables here held a
-- simulator's state, never payonce's: no payment, order or ledger row refers to them.
DROP TABLE IF EXISTS sim_notifications;
DROP TABLE IF EXISTS sim_refunds;
DROP TABLE IF EXISTS sim_trades;
DROP TABLE IF EXISTS sim_channel_keys;
DROP SEQUENCE IF EXISTS sim_trade_no_seq;
DROP SEQUENCE IF EXISTS sim_refund_no_seq;
