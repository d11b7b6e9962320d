package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.payonce.client.model.NewOrder;
import io.payonce.client.model.Order;
import io.payonce.client.model.Payment;

/** The README's example, as written there, against a scripted payonce: it must compile and say what it promises. */
class ReadmeExampleTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private PayonceClient.Builder builder() {
        return PayonceClient.builder().transport(transport);
    }

    private void readmeExample() {
        try (PayonceClient payonce = builder().baseUrl("http://localhost:8080").build()) {
            PayonceClient buyer = payonce.withBearer(payonce.orders().openBuyerSession().value().buyerToken());
            Order order = buyer.orders().create(NewOrder.of("game-key", 1)).value();
            Result<Payment> paid = buyer.orders().pay(order.orderId(), "alipay", RequestOptions.orderToken(order.orderToken()));
            out.println(paid.value().payUrl() + (paid.replayed() ? " (stored answer)" : ""));
        } catch (SoldOut e) {
            out.println("sold out");
        } catch (ConnectionFailed e) {
            out.println("no answer; retry later with Idempotency-Key " + e.idempotencyKey());
        }
    }

    @Test
    void a_buyer_orders_and_pays() {
        transport.answer(201, "{\"buyerToken\":\"bs_1\",\"expiresAt\":\"2026-12-01T12:00:00Z\"}")
                .answer(201, "{\"orderId\":\"ord_1\",\"sku\":\"game-key\",\"quantity\":1,\"amount\":1999,\"orderToken\":\"ot_1\"}")
                .answer(201, "{\"paymentId\":\"pay_1\",\"amount\":1999,\"payUrl\":\"https://pay/1\"}", "Idempotent-Replayed", "true");

        readmeExample();

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("https://pay/1 (stored answer)" + System.lineSeparator());
        assertThat(transport.calls.get(1).header("Authorization")).isEqualTo("Bearer bs_1");
        assertThat(transport.calls.get(2).header("X-Order-Token")).isEqualTo("ot_1");
    }

    @Test
    void sold_out_is_caught_by_its_type() {
        transport.answer(201, "{\"buyerToken\":\"bs_1\"}").problem(409, "sold_out");

        readmeExample();

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("sold out" + System.lineSeparator());
    }
}
