package io.payonce.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full payonce on a random port, against its own fresh PostgreSQL database
 * (see {@link TestDatabase}). Contexts with the same configuration are shared by Spring.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
        "payonce.rate-limit.per-second=0",
        "payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY,
        "payonce.db.pool-size=10",
        // Every test calls from 127.0.0.1 and many leave orders unpaid in a shared context: the caps
        // on unpaid reservations would refuse unrelated tests. HoardingIT sets and tests them.
        "payonce.reservations.buyer-units-max=0",
        "payonce.reservations.ip-units-max=0",
        // Tests call from 127.0.0.1 with up to 64 threads at once; SlowClientsIT attacks from 127.0.0.2.
        "payonce.connections.exempt=127.0.0.1",
})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {
    String ADMIN_TOKEN = "test-admin-token-0123456789";
    /** 32 zero-to-31 bytes, Base64: a fixed key so tests can read what they import. */
    String CARD_KEY_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
}
