package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void a_libpq_url_with_a_user_moves_the_user_out_of_the_host_part() {
        // The README's cluster command: the JDBC driver would take "postgres@127.0.0.1" for the host.
        assertThat(Database.parse("postgresql://postgres@127.0.0.1:9195/payonce", "someone", null))
                .isEqualTo(new Database("jdbc:postgresql://127.0.0.1:9195/payonce", "postgres", null));
    }

    @Test
    void a_libpq_url_with_a_user_and_an_encoded_password_keeps_both_and_the_query() {
        assertThat(Database.parse("postgres://shop:p%40ss+w:rd@db.internal:5432/payonce?sslmode=require", "postgres", "other"))
                .isEqualTo(new Database("jdbc:postgresql://db.internal:5432/payonce?sslmode=require", "shop", "p@ss+w:rd"));
    }

    @Test
    void without_a_user_in_the_url_the_given_user_and_password_stay() {
        assertThat(Database.parse("postgresql://127.0.0.1:5432/payonce", "postgres", "secret"))
                .isEqualTo(new Database("jdbc:postgresql://127.0.0.1:5432/payonce", "postgres", "secret"));
        assertThat(Database.parse("jdbc:postgresql://127.0.0.1:5432/payonce", "postgres", null))
                .isEqualTo(new Database("jdbc:postgresql://127.0.0.1:5432/payonce", "postgres", null));
    }

    @Test
    void another_scheme_is_refused() {
        assertThatThrownBy(() -> Database.parse("mysql://root@127.0.0.1/payonce", "postgres", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
    }
}
