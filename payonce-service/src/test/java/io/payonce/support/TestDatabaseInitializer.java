package io.payonce.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at a fresh database of its own, and holds it to the one transaction style
 * ({@link WritesNeedTransactions}).
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "payonce.db.url=" + TestDatabase.createDatabase(),
                "payonce.db.username=" + TestDatabase.user(),
                "payonce.db.password=").applyTo(context.getEnvironment());
        context.getBeanFactory().addBeanPostProcessor(new WritesNeedTransactions());
    }
}
