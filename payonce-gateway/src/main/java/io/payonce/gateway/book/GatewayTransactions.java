package io.payonce.gateway.book;

import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The books' own transactions. They always start a new one: a gateway's books never roll back
 * with anything else. Not a bean of type TransactionTemplate on purpose, so it never replaces the
 * application's default one.
 */
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
