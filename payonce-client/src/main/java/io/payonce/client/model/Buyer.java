package io.payonce.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who buys, as the shop knows them (optional on an order). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Buyer(String userId, String email) {
}
