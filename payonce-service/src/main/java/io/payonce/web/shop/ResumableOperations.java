package io.payonce.web.shop;

import io.payonce.idempotency.Resumable;
import io.payonce.payments.Payment;
import io.payonce.payments.Refund;
import io.payonce.shop.PayOrder;
import io.payonce.shop.RefundOrder;
import io.payonce.web.IdempotentResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order operations the idempotency completer may finish for a caller who gave up, each with
 * the answers its endpoint stores; {@link OrderController} sends the same ones, so a key finished
 * by the completer replays exactly what the endpoint would have answered.
 */
@Configuration(proxyBeanMethods = false)
class ResumableOperations {

    @Bean
    Resumable<PayOrder.Command, Payment> payOrderAnswers(PayOrder operation, IdempotentResponses responses) {
        return new Resumable<>(operation, responses.answers(201, OrderView.PaymentView::of));
    }

    @Bean
    Resumable<RefundOrder.Command, Refund> refundOrderAnswers(RefundOrder operation, IdempotentResponses responses) {
        return new Resumable<>(operation, responses.answers(201, OrderView.RefundView::of));
    }
}
