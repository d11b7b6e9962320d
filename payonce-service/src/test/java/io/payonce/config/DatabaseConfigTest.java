package io.payonce.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void a_jdbc_url_is_taken_as_it_is_with_the_separate_credentials() {
        var connection = DatabaseConfig.connection(new PayonceProperties.Db("jdbc:postgresql://db:5432/shop", "app", "pw", 16));
        assertThat(connection).isEqualTo(new DatabaseConfig.Connection("jdbc:postgresql://db:5432/shop", "app", "pw"));
    }

    @Test
    void a_libpq_url_gives_its_user_and_password_to_the_connection() {
        var connection = DatabaseConfig.connection(
                new PayonceProperties.Db("postgresql://shop:s%40cret@db.internal:6432/payonce?sslmode=require", "postgres", "", 16));
        assertThat(connection).isEqualTo(new DatabaseConfig.Connection(
                "jdbc:postgresql://db.internal:6432/payonce?sslmode=require", "shop", "s@cret"));
    }

    @Test
    void a_libpq_url_without_credentials_keeps_the_configured_ones() {
        var connection = DatabaseConfig.connection(new PayonceProperties.Db("postgres://127.0.0.1/test", "postgres", null, 16));
        assertThat(connection).isEqualTo(new DatabaseConfig.Connection("jdbc:postgresql://127.0.0.1/test", "postgres", null));
    }

    @Test
    void another_scheme_names_the_setting_and_hides_the_password() {
        assertThatThrownBy(() -> DatabaseConfig.connection(new PayonceProperties.Db("mysql://root:hunter2@db/x", null, null, 16)))
                .hasMessageContaining("PAYONCE_DB_URL").hasMessageNotContaining("hunter2");
    }
}
