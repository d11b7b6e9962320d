package io.payonce.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.payonce.cli.PayonceCommand;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/** {@code ./payonce admin keys ...} against a running service, as an operator types it. */
@IntegrationTest
class ApiKeysCommandIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_key_created_from_the_cli_works_is_listed_by_id_only_and_is_refused_once_revoked() {
        Run created = payonce("admin", "keys", "create", "--scope", "catalog,members", "--label", "cli test", "-q");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).startsWith("pk_");
        String id = key.substring(3, 15);
        Api merchant = new Api(port).bearer(key);
        assertThat(merchant.get("/api/member/payonce-shop/nobody").json().get("code").asInt()).isEqualTo(40401);

        Run listed = payonce("admin", "keys", "list");
        assertThat(listed.out()).contains(id).contains("catalog,members").contains("cli test").doesNotContain(key.substring(16));

        Run revoked = payonce("admin", "keys", "revoke", "pk_" + id);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(merchant.get("/api/member/payonce-shop/nobody").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_admin_token_or_an_unknown_scope_fails_with_the_reason_and_creates_nothing() {
        Map<String, Long> before = RowCounts.of(jdbc);

        Run wrongToken = payonceAs("not-the-admin-token-at-all", "admin", "keys", "create", "--scope", "refunds");
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.err()).contains("401").contains("credentials_invalid");
        Run unknownScope = payonce("admin", "keys", "create", "--scope", "everything");
        assertThat(unknownScope.exitCode()).isEqualTo(1);
        assertThat(unknownScope.err()).contains("400").contains("Unknown scope 'everything'");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    private Run payonce(String... arguments) {
        return payonceAs(IntegrationTest.ADMIN_TOKEN, arguments);
    }

    private Run payonceAs(String adminToken, String... arguments) {
        String[] withConnection = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withConnection, 0, arguments.length);
        withConnection[arguments.length] = "--url=http://127.0.0.1:" + port;
        withConnection[arguments.length + 1] = "--admin-token=" + adminToken;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PayonceCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(withConnection);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
