package io.payonce.client.model;

import java.time.Instant;

/** A caller holding unpaid card-key units. */
public record ReservationHolder(String holder, String clientIp, long units, long orders, Instant oldestReservedAt) {
}
