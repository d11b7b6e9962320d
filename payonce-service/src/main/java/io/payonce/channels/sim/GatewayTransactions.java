package io.payonce.channels.sim;

import java.util.function.Function;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated gateway's own transactions. They always start a new transaction: a real gateway's
 * books never roll back with the caller's, so even a caller that (against the port's rule) calls
 * the channel inside a transaction cannot undo a trade the gateway has opened. Not a bean of type
 * TransactionTemplate on purpose, so it never replaces the application's default one.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Component
class GatewayTransactions {

    private final TransactionTemplate template;

    GatewayTransactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    <T> T run(Function<TransactionStatus, T> work) {
        return template.execute(work::apply);
    }
}
