package io.payonce.gateway.book;

/** Published after a transaction that wrote notifications has committed: the notifier may look now instead of at its next poll. */
public record NotificationsWritten() {
}
