package io.payonce.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.payonce.channels.PaymentChannel;
import io.payonce.cli.PayonceCommand;
import io.payonce.reconcile.BookkeepingGateway;
import io.payonce.reconcile.DailyReconciliation;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import picocli.CommandLine;

/** {@code ./payonce reconcile ...} against a running service, as a scheduler runs it: what it prints and how it exits. */
@IntegrationTest
@Import(ReconcileCommandIT.Gateways.class)
@DirtiesContext
class ReconcileCommandIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class Gateways {
        /** Time stands still, so every booking falls on one Beijing day. */
        @Bean
        @Primary
        MutableClock frozenClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        @Bean
        Doubles doubles(MutableClock clock) {
            return new Doubles(new BookkeepingGateway("cli_repairable", clock), new BookkeepingGateway("cli_unsafe", clock));
        }

        @Bean
        PaymentChannel repairableChannel(Doubles doubles) {
            return doubles.repairable();
        }

        @Bean
        PaymentChannel unsafeChannel(Doubles doubles) {
            return doubles.unsafe();
        }
    }

    record Doubles(BookkeepingGateway repairable, BookkeepingGateway unsafe) {
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Doubles doubles;

    String today;

    @BeforeEach
    void setUp() {
        today = LocalDate.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE)).toString();
    }

    @Test
    void a_day_with_a_missed_charge_exits_1_until_repair_settles_it_then_0() {
        assertThat(payonce("reconcile", "--channel", "cli_repairable", "--date", today).exitCode()).as("nothing booked yet").isZero();
        String payment = paidButNotNotified(doubles.repairable());

        Run found = payonce("reconcile", "--channel", "cli_repairable", "--date", today);
        Run repaired = payonce("reconcile", "--channel", "cli_repairable", "--date", today, "--repair");
        Run again = payonce("reconcile", "--channel", "cli_repairable", "--date", today);

        assertThat(found.exitCode()).as(found.err()).isEqualTo(ReconcileCommand.MISMATCHES);
        assertThat(found.out()).contains("missing_in_payonce payment " + payment + "  gateway=1200 payonce=1200 (PENDING)")
                .contains("[repairable: run with repair to settle it]").contains("1 mismatches, 0 repaired, 1 remaining.");
        assertThat(repaired.exitCode()).as(repaired.out()).isEqualTo(ReconcileCommand.CLEAN);
        assertThat(repaired.out()).contains("[repaired: settled from the gateway's trade query").contains("1 repaired, 0 remaining.");
        assertThat(again.exitCode()).isEqualTo(ReconcileCommand.CLEAN);
        assertThat(again.out()).contains("1 charges and 0 refunds on the gateway's bill.").contains("No mismatch.");
    }

    @Test
    void a_mismatch_repair_may_not_touch_exits_1_even_with_repair() {
        doubles.unsafe().foreignPaidTrade("pay_from_elsewhere", 800);

        Run run = payonce("reconcile", "--channel", "cli_unsafe", "--date", today, "--repair");

        assertThat(run.exitCode()).isEqualTo(ReconcileCommand.MISMATCHES);
        assertThat(run.out()).contains("missing_in_payonce payment pay_from_elsewhere  gateway=800 payonce=-: "
                + "the gateway charged a trade payonce has no payment for [not_safe]");
    }

    @Test
    void a_reconciliation_that_cannot_run_exits_3_with_the_reason_and_bad_options_exit_2() {
        Map<String, Long> before = RowCounts.of(jdbc);

        Run wechat = payonce("reconcile", "--channel", "wechat", "--date", today);
        Run wrongToken = payonceAs("not-the-admin-token-at-all", "reconcile", "--channel", "cli_unsafe", "--date", today);
        Run unreachable = run("reconcile", "--channel", "cli_unsafe", "--date", today, "--url=http://127.0.0.1:1",
                "--admin-token=" + IntegrationTest.ADMIN_TOKEN);
        Run noDate = payonce("reconcile", "--channel", "cli_unsafe");
        Run badDate = payonce("reconcile", "--channel", "cli_unsafe", "--date", "2026-13-01");

        assertThat(wechat.exitCode()).isEqualTo(ReconcileCommand.NOT_RUN);
        assertThat(wechat.err()).contains("409 bill_not_available").contains("not supported for wechat yet");
        assertThat(wrongToken.exitCode()).isEqualTo(ReconcileCommand.NOT_RUN);
        assertThat(wrongToken.err()).contains("401").contains("credentials_invalid");
        assertThat(unreachable.exitCode()).isEqualTo(ReconcileCommand.NOT_RUN);
        assertThat(unreachable.err()).contains("Could not reach payonce");
        assertThat(noDate.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noDate.err()).contains("--date");
        assertThat(badDate.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    private String paidButNotNotified(BookkeepingGateway gateway) {
        Shop shop = new Shop(new Api(port));
        String order = shop.placeOrder(shop.stockedSku("cli-recon", 1200, 1), 1);
        Api.Answer paid = shop.api().postIdempotent("/v1/orders/" + order + "/payments",
                "{\"channel\":\"" + gateway.name() + "\"}", UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String payment = paid.json().get("paymentId").asString();
        gateway.buyerPays(payment);
        return payment;
    }

    private Run payonce(String... arguments) {
        return payonceAs(IntegrationTest.ADMIN_TOKEN, arguments);
    }

    private Run payonceAs(String adminToken, String... arguments) {
        String[] withConnection = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withConnection, 0, arguments.length);
        withConnection[arguments.length] = "--url=http://127.0.0.1:" + port;
        withConnection[arguments.length + 1] = "--admin-token=" + adminToken;
        return run(withConnection);
    }

    private static Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PayonceCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
