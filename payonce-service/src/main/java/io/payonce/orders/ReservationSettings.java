package io.payonce.orders;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on stock held by unpaid orders ({@code payonce.reservations.*}, issue 13), counted in card-key
 * units of orders waiting for payment; 0 turns a cap off. The defaults let a real buyer take a
 * handful of keys and a shop behind one NAT address several buyers, while one client can no longer
 * hold a product's whole stock.
 *
 * @param buyerUnitsMax   units one buyer session holds unpaid, over all products
 * @param ipUnitsMax      units all buyer sessions from one client address hold unpaid together
 * @param apiKeyUnitsMax  units one merchant API key holds unpaid (a backend ordering for many buyers)
 * @param productUnitsMax units of one product held unpaid by everyone together, unless the product sets its own
 * @param flashSaleExpiry how long a flash-sale product's order keeps its stock, unless the product sets its own
 */
@Validated
@ConfigurationProperties("payonce.reservations")
public record ReservationSettings(
        @DefaultValue("10") @Min(0) @Max(1_000_000) int buyerUnitsMax,
        @DefaultValue("50") @Min(0) @Max(1_000_000) int ipUnitsMax,
        @DefaultValue("1000") @Min(0) @Max(1_000_000) int apiKeyUnitsMax,
        @DefaultValue("0") @Min(0) @Max(1_000_000) int productUnitsMax,
        @DefaultValue("3m") @PositiveDuration Duration flashSaleExpiry) {
}
