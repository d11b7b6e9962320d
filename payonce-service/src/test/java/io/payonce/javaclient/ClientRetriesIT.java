package io.payonce.javaclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.payonce.client.PayonceClient;
import io.payonce.client.RequestOptions;
import io.payonce.client.Result;
import io.payonce.client.RetryPolicy;
import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import io.payonce.client.model.Order;
import io.payonce.client.model.Payment;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;

/**
 * The client's retries against a real payonce and the sandbox gateway: a payment whose first
 * attempt times out on the client's side is retried under the same key and yields one payment;
 * duplicates sent at once yield one payment.
 */
@IntegrationTest
class ClientRetriesIT {

    /** Tries enough to outlast the gateway's lost answer (the service's 3 s gateway timeout), bounded at 60 s. */
    private static final RetryPolicy PATIENT = new RetryPolicy(20, Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(60));

    @LocalServerPort
    int port;

    @AfterEach
    void resetFaults() {
        new Shop(new Api(port)).resetAlipayFaults();
    }

    /** The JDK transport, counting each request sent. */
    private static final class CountingTransport implements HttpTransport {
        private final HttpTransport wire = HttpTransport.jdk(Duration.ofSeconds(5));
        final List<String> keysSent = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public HttpAnswer send(HttpCall call) throws java.io.IOException, InterruptedException {
            keysSent.add(call.header("Idempotency-Key"));
            return wire.send(call);
        }

        @Override
        public void close() {
            wire.close();
        }
    }

    @Test
    void a_payment_whose_first_attempt_times_out_is_retried_under_its_key_and_yields_one_payment() {
        Shop shop = new Shop(new Api(port));
        String orderId = shop.placeOrder(shop.stockedSku("client-timeout", 1000, 1), 1);
        String orderToken = shop.orderToken(orderId);
        // The gateway opens the trade and loses its answer: payonce waits for its 3 s gateway timeout,
        // far past this client's 1 s, so the first attempt times out here while payonce still runs it.
        shop.alipayFaults("{\"nextTrades\":[\"TIMEOUT\"]}");

        try (CountingTransport transport = new CountingTransport();
             PayonceClient client = PayonceClient.builder().baseUrl("http://127.0.0.1:" + port).transport(transport)
                     .requestTimeout(Duration.ofSeconds(1)).retryPolicy(PATIENT).build()) {
            Result<Payment> result = client.orders().pay(orderId, "alipay", RequestOptions.orderToken(orderToken));

            assertThat(result.attempts()).as("the first attempt timed out").isGreaterThan(1);
            assertThat(transport.keysSent).hasSize(result.attempts()).containsOnly(result.idempotencyKey());
            assertThat(result.replayed()).as("the answer is the first attempt's, stored").isTrue();
            assertThat(result.value().status()).isEqualTo("UNKNOWN");

            Order order = client.orders().get(orderId, RequestOptions.orderToken(orderToken)).value();
            assertThat(order.payments()).extracting(Payment::paymentId).containsExactly(result.value().paymentId());
            assertThat(shop.gateway().readTrade("alipay", result.value().paymentId()).get("tradeNo")).isNotNull();
        }
    }

    @Test
    void duplicates_sent_at_once_through_the_client_yield_one_payment() throws Exception {
        Shop shop = new Shop(new Api(port));
        String orderId = shop.placeOrder(shop.stockedSku("client-dupes", 1000, 1), 1);
        RequestOptions options = RequestOptions.orderToken(shop.orderToken(orderId)).withIdempotencyKey("pay-" + orderId);
        int duplicates = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Result<Payment>>> results = new ArrayList<>();
        try (PayonceClient client = Api.client("http://127.0.0.1:" + port, null, PATIENT);
             ExecutorService threads = Executors.newFixedThreadPool(duplicates)) {
            for (int i = 0; i < duplicates; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return client.orders().pay(orderId, "alipay", options);
                }));
            }
            start.countDown();
            List<Result<Payment>> answers = new ArrayList<>();
            for (Future<Result<Payment>> result : results) {
                answers.add(result.get());
            }

            assertThat(answers).extracting(answer -> answer.value().paymentId()).containsOnly(answers.get(0).value().paymentId());
            assertThat(answers).filteredOn(answer -> !answer.replayed()).as("one ran, the others were replays").hasSize(1);
            Order order = client.orders().get(orderId, RequestOptions.orderToken(shop.orderToken(orderId))).value();
            assertThat(order.payments()).hasSize(1);
        }
    }
}
